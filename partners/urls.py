from django.urls import include, path

from partners import import_views, token_views, views, webhook_views

app_name = "partners"

# manage/: what an organization's coordinators manage, grouped by what it acts on.
member_patterns = [
    path("role/", views.MemberRoleView.as_view(), name="manage-member-role"),
    path("end/", views.MemberEndView.as_view(), name="manage-member-end"),
]
invitation_patterns = [
    path("", views.InvitationsView.as_view(), name="manage-invitations"),
    path("import/", import_views.InvitationImportView.as_view(), name="manage-invitation-import"),
    path(
        "<int:pk>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="manage-invitation-revoke",
    ),
]
api_token_patterns = [
    path("", token_views.ApiTokensView.as_view(), name="manage-api-tokens"),
    path(
        "<int:pk>/revoke/",
        token_views.ApiTokenRevokeView.as_view(),
        name="manage-api-token-revoke",
    ),
]
webhook_patterns = [
    path("", webhook_views.WebhookView.as_view(), name="manage-webhook"),
    path("test/", webhook_views.WebhookTestView.as_view(), name="manage-webhook-test"),
    path("new-secret/", webhook_views.WebhookSecretView.as_view(), name="manage-webhook-secret"),
    path("remove/", webhook_views.WebhookRemoveView.as_view(), name="manage-webhook-remove"),
]
manage_patterns = [
    path(
        "requests/<int:pk>/<str:decision>/",
        views.MembershipRequestDecisionView.as_view(),
        name="manage-request-decision",
    ),
    path("members/<int:pk>/", include(member_patterns)),
    path("invitations/", include(invitation_patterns)),
    path("api-tokens/", include(api_token_patterns)),
    path("webhook/", include(webhook_patterns)),
]

# <slug:slug>/: one organization's pages. Its main page, the roster and its CSV list trainings
# too: the project wires them in (campaign/urls.py), next to these.
organization_patterns = [
    path("join/", views.JoinView.as_view(), name="join"),
    path("manage/", include(manage_patterns)),
]

urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("mine/", views.MyOrganizationsView.as_view(), name="mine"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path("<slug:slug>/", include(organization_patterns)),
]
