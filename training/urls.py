from django.urls import path

from training.views import (
    attendance,
    bulk,
    catalog,
    enrollment,
    evaluations,
    feeds,
    on_demand,
    report,
    requests,
)

app_name = "training"

urlpatterns = [
    path("", catalog.CatalogView.as_view(), name="catalog"),
    path("mine/", enrollment.MyTrainingsView.as_view(), name="mine"),
    path("mine/evaluations/<int:pk>/", evaluations.EvaluateView.as_view(), name="evaluate"),
    path("mine/calendar/reset/", feeds.FeedResetView.as_view(), name="feed-reset"),
    path("calendar/public.ics", feeds.PublicFeedView.as_view(), name="public-feed"),
    path(
        "calendar/audience/<slug:audience>.ics",
        feeds.PublicFeedView.as_view(),
        name="audience-feed",
    ),
    path("calendar/<str:token>.ics", feeds.PersonalFeedView.as_view(), name="personal-feed"),
    path(
        "calendar/<str:token>/organization/<slug:slug>.ics",
        feeds.OrganizationFeedView.as_view(),
        name="organization-feed",
    ),
    path("sessions/<int:pk>/", catalog.SessionDetailView.as_view(), name="session-detail"),
    path(
        "sessions/<int:pk>/enroll/", enrollment.SessionEnrollView.as_view(), name="session-enroll"
    ),
    path(
        "sessions/<int:pk>/cancel/", enrollment.SessionCancelView.as_view(), name="session-cancel"
    ),
    path(
        "sessions/<int:pk>/calendar.ics",
        catalog.SessionCalendarView.as_view(),
        name="session-calendar",
    ),
    path("sessions/<int:pk>/enroll-staff/", bulk.BulkEnrollView.as_view(), name="bulk-enroll"),
    path(
        "sessions/<int:pk>/enroll-staff/import/",
        bulk.BulkImportView.as_view(),
        name="bulk-import",
    ),
    path("give-back/<str:token>/", enrollment.GiveBackView.as_view(), name="give-back"),
    path("teaching/", attendance.TeachingView.as_view(), name="teaching"),
    path("sessions/<int:pk>/attendance/", attendance.AttendanceView.as_view(), name="attendance"),
    path(
        "sessions/<int:pk>/attendance/code.json",
        attendance.CheckInCodeView.as_view(),
        name="check-in-code",
    ),
    path(
        "sessions/<int:pk>/attendance/<int:enrollment_pk>/<str:outcome>/",
        attendance.AttendanceMarkView.as_view(),
        name="attendance-mark",
    ),
    path(
        "sessions/<int:pk>/evaluations/",
        evaluations.SessionEvaluationsView.as_view(),
        name="session-evaluations",
    ),
    path(
        "sessions/<int:pk>/sign-in-sheet/",
        attendance.SignInSheetView.as_view(),
        name="sign-in-sheet",
    ),
    path(
        "sessions/<int:pk>/check-in/<str:token>/",
        attendance.CheckInView.as_view(),
        name="check-in",
    ),
    path("check-in/", attendance.CheckInByCodeView.as_view(), name="check-in-code-form"),
    path("requests/new/", requests.TrainingRequestView.as_view(), name="request"),
    path("report/<slug:slug>/", report.OrganizationReportView.as_view(), name="report"),
    path(
        "report/<slug:slug>/report.csv",
        report.OrganizationReportCSVView.as_view(),
        name="report-csv",
    ),
    path(
        "report/<slug:slug>/evaluations/",
        evaluations.OrganizationEvaluationsView.as_view(),
        name="report-evaluations",
    ),
    path("<slug:slug>/material/", on_demand.CourseMaterialView.as_view(), name="course-material"),
    path("<slug:slug>/check/", on_demand.KnowledgeCheckView.as_view(), name="knowledge-check"),
    path("<slug:slug>/", catalog.CourseDetailView.as_view(), name="course-detail"),
]
