from django.urls import path

from partners import import_views, token_views, views, webhook_views

app_name = "partners"

# The organization page, the roster and its CSV list trainings too: the project wires them in
# (campaign/urls.py), next to these.

urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("mine/", views.MyOrganizationsView.as_view(), name="mine"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path("<slug:slug>/join/", views.JoinView.as_view(), name="join"),
    path(
        "<slug:slug>/manage/requests/<int:pk>/<str:decision>/",
        views.MembershipRequestDecisionView.as_view(),
        name="manage-request-decision",
    ),
    path(
        "<slug:slug>/manage/members/<int:pk>/role/",
        views.MemberRoleView.as_view(),
        name="manage-member-role",
    ),
    path(
        "<slug:slug>/manage/members/<int:pk>/end/",
        views.MemberEndView.as_view(),
        name="manage-member-end",
    ),
    path(
        "<slug:slug>/manage/invitations/",
        views.InvitationsView.as_view(),
        name="manage-invitations",
    ),
    path(
        "<slug:slug>/manage/invitations/import/",
        import_views.InvitationImportView.as_view(),
        name="manage-invitation-import",
    ),
    path(
        "<slug:slug>/manage/invitations/<int:pk>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="manage-invitation-revoke",
    ),
    path(
        "<slug:slug>/manage/api-tokens/",
        token_views.ApiTokensView.as_view(),
        name="manage-api-tokens",
    ),
    path(
        "<slug:slug>/manage/api-tokens/<int:pk>/revoke/",
        token_views.ApiTokenRevokeView.as_view(),
        name="manage-api-token-revoke",
    ),
    path(
        "<slug:slug>/manage/webhook/",
        webhook_views.WebhookView.as_view(),
        name="manage-webhook",
    ),
    path(
        "<slug:slug>/manage/webhook/test/",
        webhook_views.WebhookTestView.as_view(),
        name="manage-webhook-test",
    ),
    path(
        "<slug:slug>/manage/webhook/new-secret/",
        webhook_views.WebhookSecretView.as_view(),
        name="manage-webhook-secret",
    ),
    path(
        "<slug:slug>/manage/webhook/remove/",
        webhook_views.WebhookRemoveView.as_view(),
        name="manage-webhook-remove",
    ),
]
