from . import crossborder_root_cause
from . import helpdesk_ticket_category
from . import helpdesk_ticket_channel
from . import helpdesk_ticket_team
from . import helpdesk_ticket_stage
from . import helpdesk_ticket
from . import helpdesk_sla
from . import helpdesk_ticket_sla
from . import crossborder_recurrence
from . import crossborder_corrective_action
from . import crossborder_feedback
from . import crossborder_feedback_line
from . import hr_department
from . import hr_employee
from . import res_users
from . import crossborder_country_spec
from . import crossborder_size_chart
from . import ir_config_parameter
from . import res_config_settings
from . import mail_activity
from . import mail_message
from . import mail_message_schedule
from . import mail_render_mixin
from . import crossborder_auto_reply_subject
from . import mail_template
from . import mail_thread
from . import mail_scheduled_message

# --- buyer-message SLA (issue 12, item 5) ---
from . import crossborder_buyer_message

# --- end buyer-message SLA ---
from . import crossborder_trial_measure
