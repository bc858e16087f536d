"""Languages that trainings and materials are offered in, as ISO 639-1 codes."""

LANGUAGES = [
    ("en", "English"),
    ("es", "Spanish"),
    ("zh", "Chinese"),
    ("vi", "Vietnamese"),
    ("ko", "Korean"),
    ("tl", "Tagalog"),
    ("fr", "French"),
    ("ar", "Arabic"),
    ("ru", "Russian"),
    ("ht", "Haitian Creole"),
]
