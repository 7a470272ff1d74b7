"""nastavnik: static sites for the «Целевая модель наставничества» section."""

__version__ = "0.1.0"
