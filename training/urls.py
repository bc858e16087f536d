from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.CatalogView.as_view(), name="catalog"),
    path("mine/", views.MyTrainingsView.as_view(), name="mine"),
    path("mine/calendar/reset/", views.FeedResetView.as_view(), name="feed-reset"),
    path("calendar/public.ics", views.PublicFeedView.as_view(), name="public-feed"),
    path(
        "calendar/audience/<slug:audience>.ics",
        views.PublicFeedView.as_view(),
        name="audience-feed",
    ),
    path("calendar/<str:token>.ics", views.PersonalFeedView.as_view(), name="personal-feed"),
    path(
        "calendar/<str:token>/organization/<slug:slug>.ics",
        views.OrganizationFeedView.as_view(),
        name="organization-feed",
    ),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("sessions/<int:pk>/enroll/", views.SessionEnrollView.as_view(), name="session-enroll"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session-cancel"),
    path(
        "sessions/<int:pk>/calendar.ics",
        views.SessionCalendarView.as_view(),
        name="session-calendar",
    ),
    path("sessions/<int:pk>/enroll-staff/", views.BulkEnrollView.as_view(), name="bulk-enroll"),
    path("give-back/<str:token>/", views.GiveBackView.as_view(), name="give-back"),
    path("<slug:slug>/", views.CourseDetailView.as_view(), name="course-detail"),
]
