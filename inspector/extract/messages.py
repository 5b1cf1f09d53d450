"""Read message boards: the public surface of the board readers (one module per concern).

- ``message_fields``: labels, status words, times (the shared vocabulary);
- ``message_list``: list pages — rows, the total stated, pagination;
- ``message_detail``: detail pages in the layouts of real boards, handling records;
- ``message_state``: a row and its detail settled into one message: answered | pending | unknown;
- ``board_stats``: the published statistics block;
- ``channels``: what kind of interaction channel a link leads to;
- ``replies``: what a reply says (boilerplate, forwarded only) and latency classes.
"""

from __future__ import annotations

from inspector.extract.board_stats import parse_statistics
from inspector.extract.channels import CHANNEL_KINDS, channel_links, channel_rank, classify_channel
from inspector.extract.message_detail import parse_detail, read_detail
from inspector.extract.message_fields import LABELS, all_times, label_field, parse_time, status_state, status_word
from inspector.extract.message_list import NEXT_PAGE, ListRow, next_page, page_links, parse_list, stated_total
from inspector.extract.message_state import settle, state_of

__all__ = [
    "CHANNEL_KINDS",
    "LABELS",
    "NEXT_PAGE",
    "ListRow",
    "all_times",
    "channel_links",
    "channel_rank",
    "classify_channel",
    "label_field",
    "next_page",
    "page_links",
    "parse_detail",
    "parse_list",
    "parse_statistics",
    "parse_time",
    "read_detail",
    "settle",
    "state_of",
    "stated_total",
    "status_state",
    "status_word",
]
