from . import crossborder_skill_test_send
from . import crossborder_grading_wizard
from . import crossborder_trial_decision
from . import survey_invite
from . import mail_compose_message
