from . import test_monitor_functions
from . import test_tickets
from . import test_feedback
from . import test_recurrence
from . import test_country_specs
from . import test_helpdesk_security
from . import test_i18n
from . import test_report
from . import test_who_decides
from . import test_rpc_attacks
from . import test_buyer_message_sla
from . import test_screens
from . import test_ui_tours

# --- numbers (begin) ---
from . import test_control_limits
from . import test_digest_periods
from . import test_effectiveness

# --- numbers (end) ---
from . import test_trial_measures
from . import test_routing_quality
from . import test_rpc_side_doors
from . import test_feedback_company
from . import test_archived_problems
from . import test_reclassification
from . import test_trial_measure_race
from . import test_duplicates
from . import test_recurrence_race
from . import test_attribution_race
from . import test_close_race
from . import test_duplicate_attacks
from . import test_duplicate_race
from . import test_portal_side_doors
from . import test_trial_measure_fakes
from . import test_who_did_the_work
from . import test_ticket_chatter_evidence
from . import test_auto_replies
from . import test_accountability_chatter_evidence
from . import test_closing_mail
from . import test_feedback_figures
from . import test_mail_path_doors
from . import test_decisions_in_their_names
