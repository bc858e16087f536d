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
    path("teaching/", views.TeachingView.as_view(), name="teaching"),
    path("sessions/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "sessions/<int:pk>/attendance/code.json",
        views.CheckInCodeView.as_view(),
        name="check-in-code",
    ),
    path(
        "sessions/<int:pk>/attendance/<int:enrollment_pk>/<str:outcome>/",
        views.AttendanceMarkView.as_view(),
        name="attendance-mark",
    ),
    path(
        "sessions/<int:pk>/sign-in-sheet/", views.SignInSheetView.as_view(), name="sign-in-sheet"
    ),
    path("sessions/<int:pk>/check-in/<str:token>/", views.CheckInView.as_view(), name="check-in"),
    path("check-in/", views.CheckInByCodeView.as_view(), name="check-in-code-form"),
    path("requests/new/", views.TrainingRequestView.as_view(), name="request"),
    path("report/<slug:slug>/", views.OrganizationReportView.as_view(), name="report"),
    path(
        "report/<slug:slug>/report.csv",
        views.OrganizationReportCSVView.as_view(),
        name="report-csv",
    ),
    path("<slug:slug>/material/", views.CourseMaterialView.as_view(), name="course-material"),
    path("<slug:slug>/check/", views.KnowledgeCheckView.as_view(), name="knowledge-check"),
    path("<slug:slug>/", views.CourseDetailView.as_view(), name="course-detail"),
]
