/* Runs before Material's search worker (in a real worker, or in the iframe that stands in for
   one when the site is opened from disk). The index is built with the Russian stemmer; this
   stems each Cyrillic word of a query with the same stemmer before Material adds its trailing
   wildcard, so «школа» finds «школы» and «наставника» finds «наставник». */
(function () {
  "use strict";
  var scope = self;
  var listen = scope.addEventListener;
  var QUERY = 2; // Material's SearchMessageType.QUERY

  function stem(query) {
    var lunr = scope.lunr;
    if (!lunr || !lunr.ru || typeof lunr.ru.stemmer !== "function") {
      return query;
    }
    return query.replace(/[\u0400-\u04ff]+/g, function (word) {
      return String(lunr.ru.stemmer(word.toLowerCase())) || word;
    });
  }

  scope.addEventListener = function (type, handler, options) {
    if (type !== "message") {
      return listen.call(scope, type, handler, options);
    }
    return listen.call(scope, type, function (event) {
      var message = event.data;
      if (message && message.type === QUERY && typeof message.data === "string") {
        handler({ data: { type: QUERY, data: stem(message.data) } });
      } else {
        handler(event);
      }
    }, options);
  };
})();
