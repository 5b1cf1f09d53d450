"""Active inspection: probe messages sent to a site's own channels, then followed up.

plan.py     the probe plan (per site: channel, team identity, topics, opt-in, rate limit)
text.py     probe wording with its unique token and the plain "this is an inspection probe" notice
tables.py   SQLAlchemy table definitions (merged into the main store's migrations by the lead)
ledger.py   the probe ledger: a state machine written before submitting and completed after
submit.py   filling the real form in Chromium (Playwright), captcha/SMS ⇒ needs_person
follow.py   follow-ups: tracking-code lookup, token search, public list; latency, quality, disclosure
service.py  what the CLI calls: plan_probes, send_probes, follow_probes, probe_status
"""
