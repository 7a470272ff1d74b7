"""Compiled Jinja templates kept between processes: our page templates and the theme's.

Compiling them cost each new process as much CPU as rendering ten schools, and a rebuild after
one change is a new process. Jinja's own file cache: a folder only this user may use, entries
checked against the template's source and the Jinja and Python versions, written atomically.
"""

from __future__ import annotations

import jinja2


def _options(environment: jinja2.Environment) -> str:
    """What, besides the source, decides the code a template compiles to in this environment."""
    env = environment
    autoescape = getattr(env.autoescape, "__qualname__", env.autoescape)
    return repr((env.block_start_string, env.block_end_string, env.variable_start_string,
                 env.variable_end_string, env.comment_start_string, env.comment_end_string,
                 env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                 env.newline_sequence, env.keep_trailing_newline, sorted(env.extensions), env.optimized,
                 autoescape, env.finalize is not None, env.is_async))


class BytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be read or written is no cache, not a failed build."""

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        # Jinja keys an entry by the template's name and file only: two environments of other
        # syntax or options must not share compiled code.
        return super().get_bucket(environment, f"{name}|{_options(environment)}", filename, source)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return BytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had: compile every time
        return None
