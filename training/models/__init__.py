"""Training's models, one module per area. Migrations name the helpers by these paths
(training.models.new_feed_token, …), so they are exported here."""

from training.models.certificates import (
    Certificate,
    new_certificate_code,
    normalize_certificate_code,
)
from training.models.courses import (
    Course,
    course_file_upload_path,
    time_zone_choices,
    validate_not_reserved,
)
from training.models.evaluations import Agreement, Evaluation
from training.models.knowledge_checks import KnowledgeCheckAttempt, Question
from training.models.requests import TrainingRequest
from training.models.sessions import CalendarFeed, Enrollment, Session, new_feed_token

__all__ = [
    "Agreement",
    "CalendarFeed",
    "Certificate",
    "Course",
    "Enrollment",
    "Evaluation",
    "KnowledgeCheckAttempt",
    "Question",
    "Session",
    "TrainingRequest",
    "course_file_upload_path",
    "new_certificate_code",
    "new_feed_token",
    "normalize_certificate_code",
    "time_zone_choices",
    "validate_not_reserved",
]
