"""Content people type in the admin (news, pillars, courses...), in each of the portal's
languages.

django-modeltranslation adds one column per language next to each field registered in an
app's `translation.py` (`title_en`, `title_es`). Reading `post.title` gives the page's
language and falls back to English where that column is empty; querysets rewrite `title`
to the page's column too. The original column (`title`) is kept in English on every save,
so database constraints, full-text search and queries from unregistered models read one
language whatever the language of the admin who saved.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import F, Model, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname


def translated_fields(model: type[Model]) -> list[str]:
    """The names of the fields of `model` that are typed once per language ([] if none)."""
    try:
        return sorted(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def other_languages() -> list[str]:
    """The portal's languages other than the one every text is first written in."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def lacking_translation(model: type[Model], language: str) -> Q:
    """Rows with a text written in English but left empty in `language`: the gaps."""
    condition = Q()
    for name in translated_fields(model):
        written = build_localized_fieldname(name, settings.LANGUAGE_CODE)
        other = build_localized_fieldname(name, language)
        has_english = Q(**{f"{written}__isnull": False}) & ~Q(**{written: ""})
        lacks_other = Q(**{f"{other}__isnull": True}) | Q(**{other: ""})
        condition |= has_english & lacks_other
    return condition


def searchable_columns(model: type[Model], fields: list[str]) -> list[str]:
    """`fields` with each translated one replaced by its column in every language, so a
    search finds a row by any of its texts (an untranslated course by its English)."""
    translated = set(translated_fields(model))
    columns = []
    for name in fields:
        if name in translated:
            columns += [build_localized_fieldname(name, code) for code, _n in settings.LANGUAGES]
        else:
            columns.append(name)
    return columns


def shown_language(instance: Model, field: str) -> str:
    """The language `instance.<field>` is shown in on this page: the page's own, or English
    where its column in the page's language is empty (for a `lang` attribute)."""
    language = get_language() or settings.LANGUAGE_CODE
    if field not in translated_fields(type(instance)):
        return language
    value = getattr(instance, build_localized_fieldname(field, language), None)
    return language if value else settings.LANGUAGE_CODE


def in_page_language(path: str) -> Coalesce:
    """The text at `path` (a translated field, reached through relations from a model that
    is not translated) in the page's language, or in English where that is empty."""
    column = F(build_localized_fieldname(path, get_language() or settings.LANGUAGE_CODE))
    return Coalesce(NullIf(column, Value("")), F(path))


def _english_of(field):
    english = build_localized_fieldname(field.name, settings.LANGUAGE_CODE)

    def pre_save(instance: Model, add: bool):
        # The language columns are nullable; the original column keeps its own rule.
        value = getattr(instance, english)
        return "" if value is None and not field.null else value

    return pre_save


def keep_original_columns_in_english() -> None:
    """Make every registered field save its English text into its original column (without
    this, the column takes the language of whoever saved last). Run once, at start-up."""
    for model in translator.get_registered_models():
        for name in translated_fields(model):
            field = model._meta.get_field(name)
            field.pre_save = _english_of(field)


class MissingTranslationFilter(admin.SimpleListFilter):
    """Changelist filter: the rows that still lack a translation, language by language."""

    title = _("translation")
    parameter_name = "lacks"

    def lookups(self, request, model_admin):
        names = dict(settings.LANGUAGES)
        return [
            (code, _("Lacks %(language)s") % {"language": names[code]})
            for code in other_languages()
        ]

    def queryset(self, request, queryset):
        if self.value() in other_languages():
            return queryset.filter(lacking_translation(queryset.model, self.value()))
        return queryset
