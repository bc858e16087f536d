from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.urls import reverse
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from campaign import services
from campaign.models import (
    ActionItem,
    Audience,
    ContactMessage,
    ContentPage,
    FailedEmail,
    ImpactFigure,
    NewsPost,
    Pillar,
    PlanGoal,
    PlanObjective,
    User,
)
from campaign.typed_content import MissingTranslationFilter


class PortalUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "name"]


class PortalUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = PortalUserCreationForm
    form = PortalUserChangeForm
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["name", "language"]}),
        ("Notices", {"fields": ["admin_notices"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


@admin.register(Pillar)
class PillarAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    list_filter = [MissingTranslationFilter]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Audience)
class AudienceAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    list_filter = [MissingTranslationFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(NewsPost)
class NewsPostAdmin(TranslationAdmin):
    list_display = ["title", "status", "published_at", "pillar", "preview_link"]
    list_filter = ["status", "pillar", MissingTranslationFilter]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organizations"]
    date_hierarchy = "published_at"
    list_select_related = ["pillar"]
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "summary",
        "body",
        "pillar",
        "organizations",
        "status",
        "published_at",
        "preview_link",
        "created_at",
        "updated_at",
    ]
    actions = ["publish", "unpublish"]

    @admin.display(description="Preview")
    def preview_link(self, obj) -> str:
        if not obj.pk:
            return "Save the post to preview it."
        return format_html(
            '<a href="{}">Preview on the site</a>',
            reverse("news-preview", kwargs={"slug": obj.slug}),
        )

    @admin.action(description="Publish selected posts")
    def publish(self, request, queryset):
        published = services.publish_news(posts=queryset, published_by=request.user)
        self.message_user(request, f"{len(published)} post(s) published.")

    @admin.action(description="Unpublish selected posts (back to draft)")
    def unpublish(self, request, queryset):
        unpublished = services.unpublish_news(posts=queryset, unpublished_by=request.user)
        self.message_user(request, f"{len(unpublished)} post(s) unpublished.")


@admin.register(ImpactFigure)
class ImpactFigureAdmin(TranslationAdmin):
    list_display = ["label", "qualifier", "value", "year", "source", "headline", "position"]
    list_editable = ["headline", "position"]
    list_filter = ["year", "source", "headline", MissingTranslationFilter]
    search_fields = ["label", "source"]


class PlanObjectiveInline(TranslationTabularInline):
    model = PlanObjective
    extra = 0
    fields = ["number", "title"]
    show_change_link = True


@admin.register(PlanGoal)
class PlanGoalAdmin(TranslationAdmin):
    list_display = ["number", "title"]
    list_filter = [MissingTranslationFilter]
    inlines = [PlanObjectiveInline]


class ActionItemInline(TranslationTabularInline):
    model = ActionItem
    extra = 1
    fields = ["title", "lead_organization", "status", "due_on", "position"]
    autocomplete_fields = ["lead_organization"]


@admin.register(PlanObjective)
class PlanObjectiveAdmin(TranslationAdmin):
    list_display = ["__str__", "goal"]
    list_filter = ["goal", MissingTranslationFilter]
    search_fields = ["title"]
    list_select_related = ["goal"]
    inlines = [ActionItemInline]


@admin.register(ActionItem)
class ActionItemAdmin(TranslationAdmin):
    list_display = ["title", "objective", "lead_organization", "status", "due_on"]
    list_editable = ["status"]
    list_filter = ["status", "objective__goal", "lead_organization", MissingTranslationFilter]
    search_fields = ["title"]
    autocomplete_fields = ["objective", "lead_organization"]
    list_select_related = ["objective__goal", "lead_organization"]


@admin.register(FailedEmail)
class FailedEmailAdmin(admin.ModelAdmin):
    """Email the mail server did not take: read-only, for admins to follow up (and delete
    once handled). Messages are recorded by the sending task, never typed here."""

    list_display = ["failed_at", "kind", "recipient", "subject", "error"]
    list_filter = ["kind", "failed_at"]
    search_fields = ["recipient", "subject", "error"]
    date_hierarchy = "failed_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ContentPage)
class ContentPageAdmin(TranslationAdmin):
    """The four fixed pages: admins edit their texts; the pages themselves are not added or
    removed here (each has its own address)."""

    list_display = ["title", "slug", "reviewed_on", "updated_at"]
    list_filter = [MissingTranslationFilter]
    fields = ["slug", "title", "summary", "body", "reviewed_on", "updated_at"]
    readonly_fields = ["slug", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Messages from the contact form, newest first; an admin marks each answered."""

    list_display = ["received_at", "topic", "name", "email", "answered"]
    list_filter = ["answered", "topic", "language"]
    search_fields = ["name", "email", "message"]
    date_hierarchy = "received_at"
    readonly_fields = ["name", "email", "topic", "message", "language", "sender", "received_at"]
    fields = [*readonly_fields, "answered"]
    list_select_related = ["sender"]

    def has_add_permission(self, request) -> bool:
        return False


from campaign import audit_admin, task_admin  # noqa: E402, F401  (after django-tasks-db registers its own)
