"""Deterministic sample exports of one *fictional* municipality, for demos and tests.

:func:`write_samples` writes a year of a council's citizen-service traffic, one file per
export format, each in the exact shape the platform returns (so that the readers in
:mod:`roi.io` are exercised on realistic files), plus the matching ``roi.toml``:

================================  =============================================================
file                              format
================================  =============================================================
``x_api_v2.jsonl``                X API v2 tweets as twarc2 writes them flattened: one tweet
                                  per line with ``author``, ``in_reply_to_user`` and ``__twarc``
``facebook_comments.json``        Graph API page posts with ``comments`` and their replies
``instagram_comments.json``       Instagram Graph API media with ``comments`` and ``replies``
``mastodon_statuses.json``        a JSON list of Mastodon ``Status`` entities (DMs included)
``open311_requests.json``         Open311 GeoReport v2 ``requests.json``
``contact_form.csv``              e-mail / web contact log as Excel in Spain saves it
                                  (``;``, Windows-1252, day-first local dates)
``survey.csv``                    CSAT / NPS answers (``;``, UTF-8 with BOM, day-first)
``roi.toml``                      the configuration of the fictional council
================================  =============================================================

Everything is invented: the town (Torrebruna de Mar, in Catalonia), its accounts and
web domains (all under ``example.org``), the citizens (synthetic handles such as
``vecina_4821``) and every text, assembled at random from template pieces in Spanish,
Catalan and English. The traffic has the properties the indicators measure: official
replies mostly within office hours (Europe/Madrid, Catalan and local holidays), replies
to evening / weekend messages on the next working day, roughly a quarter of inbound
messages unanswered, replies of varied empathy (greetings, apologies, restating the
citizen's subject, offers of help, a few curt ones, referrals to DMs, the 010 phone and
the *sede electrónica*), hidden insults, proactive announcements, follow-ups and
re-contacts within a week.

Same ``seed`` and ``scale`` give byte-identical files (no wall clock, no set iteration,
one :func:`numpy.random.default_rng` stream per channel and one for the surveys). The
files in ``data/samples/`` are committed: regenerate them (``make sample``) when a change
here changes what is written.

The package, one job per module:

==================  =======================================================================
module              job
==================  =======================================================================
``writer``          :func:`write_samples`: runs every channel, writes the files
``council``         the fictional council: names, domains, accounts, ``roi.toml``
``timing``          office hours, holidays, arrival profiles, reply delays
``phrases``         every text template, per language (data)
``texts``           filling templates; capitals, contractions, emoji
``generator``       one channel's random stream, its elementary draws, unique ids
``conversations``   the conversation model shared by every channel
``citizens``        the synthetic citizens and what they write
``replies``         the council's replies and their empathy
``threads``         conversations, posts and comments, channel-independent
``channels``        what differs between the channels' traffic (one plan each)
``x_api``           ``x_api_v2.jsonl``
``facebook``        ``facebook_comments.json``
``instagram``       ``instagram_comments.json``
``graph``           the Graph API envelope shared by Facebook and Instagram
``mastodon``        ``mastodon_statuses.json``
``open311``         ``open311_requests.json``
``contact_form``    ``contact_form.csv``
``surveys``         ``survey.csv``
``formats``         UTC timestamps and semicolon CSV shared by several exports
==================  =======================================================================

>>> from pathlib import Path
>>> import tempfile
>>> paths = write_samples(Path(tempfile.mkdtemp()), scale=0.05)
>>> sorted(paths)[:3]
['config', 'contact_form', 'facebook']
"""

from roi.sample.council import COUNCIL, TOWN
from roi.sample.writer import SAMPLE_FILES, write_samples

__all__ = ["COUNCIL", "SAMPLE_FILES", "TOWN", "write_samples"]
