from django.urls import include, path

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

# The routes are grouped by the prefix they share: each list below is included under it.

# mine/: the signed-in person's own trainings.
mine_patterns = [
    path("", enrollment.MyTrainingsView.as_view(), name="mine"),
    path("evaluations/<int:pk>/", evaluations.EvaluateView.as_view(), name="evaluate"),
    path("calendar/reset/", feeds.FeedResetView.as_view(), name="feed-reset"),
]

# calendar/: the iCalendar feeds. The fixed names come before "<str:token>.ics", which
# would take them too.
calendar_patterns = [
    path("public.ics", feeds.PublicFeedView.as_view(), name="public-feed"),
    path("audience/<slug:audience>.ics", feeds.PublicFeedView.as_view(), name="audience-feed"),
    path("<str:token>.ics", feeds.PersonalFeedView.as_view(), name="personal-feed"),
    path(
        "<str:token>/organization/<slug:slug>.ics",
        feeds.OrganizationFeedView.as_view(),
        name="organization-feed",
    ),
]

# sessions/<int:pk>/enroll-staff/: a coordinator enrolls their staff, one by one or from a file.
bulk_enroll_patterns = [
    path("", bulk.BulkEnrollView.as_view(), name="bulk-enroll"),
    path("import/", bulk.BulkImportView.as_view(), name="bulk-import"),
]

# sessions/<int:pk>/attendance/: the trainer's attendance sheet and check-in code.
attendance_patterns = [
    path("", attendance.AttendanceView.as_view(), name="attendance"),
    path("code.json", attendance.CheckInCodeView.as_view(), name="check-in-code"),
    path(
        "<int:enrollment_pk>/<str:outcome>/",
        attendance.AttendanceMarkView.as_view(),
        name="attendance-mark",
    ),
]

# sessions/<int:pk>/: one session's pages.
session_patterns = [
    path("", catalog.SessionDetailView.as_view(), name="session-detail"),
    path("enroll/", enrollment.SessionEnrollView.as_view(), name="session-enroll"),
    path("cancel/", enrollment.SessionCancelView.as_view(), name="session-cancel"),
    path("calendar.ics", catalog.SessionCalendarView.as_view(), name="session-calendar"),
    path("enroll-staff/", include(bulk_enroll_patterns)),
    path("attendance/", include(attendance_patterns)),
    path("evaluations/", evaluations.SessionEvaluationsView.as_view(), name="session-evaluations"),
    path("sign-in-sheet/", attendance.SignInSheetView.as_view(), name="sign-in-sheet"),
    path("check-in/<str:token>/", attendance.CheckInView.as_view(), name="check-in"),
]

# report/<slug:slug>/: an organization's training report.
report_patterns = [
    path("", report.OrganizationReportView.as_view(), name="report"),
    path("report.csv", report.OrganizationReportCSVView.as_view(), name="report-csv"),
    path(
        "evaluations/",
        evaluations.OrganizationEvaluationsView.as_view(),
        name="report-evaluations",
    ),
]

# <slug:slug>/: a course and its on-demand parts.
course_patterns = [
    path("material/", on_demand.CourseMaterialView.as_view(), name="course-material"),
    path("check/", on_demand.KnowledgeCheckView.as_view(), name="knowledge-check"),
    path("", catalog.CourseDetailView.as_view(), name="course-detail"),
]

urlpatterns = [
    path("", catalog.CatalogView.as_view(), name="catalog"),
    path("mine/", include(mine_patterns)),
    path("calendar/", include(calendar_patterns)),
    path("sessions/<int:pk>/", include(session_patterns)),
    path("give-back/<str:token>/", enrollment.GiveBackView.as_view(), name="give-back"),
    path("teaching/", attendance.TeachingView.as_view(), name="teaching"),
    path("check-in/", attendance.CheckInByCodeView.as_view(), name="check-in-code-form"),
    path("requests/new/", requests.TrainingRequestView.as_view(), name="request"),
    path("report/<slug:slug>/", include(report_patterns)),
    # Last: a course's slug would take the fixed prefixes above.
    path("<slug:slug>/", include(course_patterns)),
]
