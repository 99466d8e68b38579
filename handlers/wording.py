"""Every sentence the bot says to a reporter, in one place so an editor can review the wording."""

from __future__ import annotations

HELP_HEADER = (
    "*`/story` — ask the fact desk.* Replies are only visible to you; use *Share in channel* to post one."
)
HELP_FOOTER = "You can also mention me with a question in a channel, or DM me. I answer in a thread."
UNKNOWN_SUBCOMMAND = "I don't know `{word}`. Here is what I can do:"

DONT_KNOW = "I don't know: nothing in the stored reports answers that."
CLOSEST = "Closest facts I have:"
EARLIER = "Earlier:"
NO_QUESTION = "Ask me a question about the story, e.g. _how many troops were deployed?_"
SOURCE = "Source"
NO_LINK = "no link"
CORRECTED_NOTE = "corrected by an editor; first reported as {original}"

BUTTON_SOURCES = "Sources"
BUTTON_FLAG = "Flag as wrong"
BUTTON_SHARE = "Share in channel"
SHARED_BY = "Shared by <@{user}>"
FLAG_THANKS = "Thanks — I recorded your flag for the editors."
NO_SOURCES = "This answer cited no source."
SOURCES_HEADER = "Sources of this answer:"

NO_STORY = (
    "This channel has no story yet. Start one with `/story new <title>` or pick one with `/story use <slug>`."
)
NO_STORY_CHOICES = " Stories: {slugs}."
NO_SUCH_STORY = "There is no story `{slug}` that can be used here. See `/story use` with one of: {slugs}."
STORY_CREATED = "Started story *{title}* (`{slug}`) for this channel.{private}"
STORY_EXISTS = "There is already a story `{slug}`; this channel now works on it."
STORY_PRIVATE_NOTE = " It is private to this channel: I will only answer about it here."
STORY_USED = "This channel now works on *{title}* (`{slug}`)."
USAGE = "Usage: `/story {usage}`"

NO_FACTS = "No facts stored for *{title}* yet{topic}. Add reports with `/story add <url or text>`."
FACTS_HEADER = "*Facts of {title}*{topic}"
TIMELINE_HEADER = "*Timeline of {title}*"
NO_TIMELINE = "No dated facts in *{title}* yet."
SOURCES_LIST_HEADER = "*Sources of {title}*"
NO_ARTICLES = "No reports in *{title}* yet. Add one with `/story add <url or text>`."
SUMMARY_KEY_FIGURES = "*Key figures*"
SUMMARY_PEOPLE = "*Key people*"
SUMMARY_LATEST = "*Latest developments*"
SUMMARY_SOURCES = "*Sources*"
SUMMARY_EMPTY = "Nothing stored in *{title}* yet."
GAPS_HEADER = "*Questions I could not answer in {title}* (most asked first)"
NO_GAPS = "Every question asked about *{title}* so far had an answer."

ADD_WORKING = "Reading that and adding it to *{title}*…"
ADD_DONE = "Added to *{title}*: {headline} — {facts} facts from {sentences} sentences."
ADD_REVISED = "Stored as revision {revision} of {headline} in *{title}*: {facts} facts."
ADD_DUPLICATE = "Already stored in *{title}* ({headline}); nothing changed."
ADD_FAILED = "I could not add that: {error}"
ADD_EMPTY = "There is nothing to add in that message."

EDITORS_ONLY = "Only editors can {action} facts. Ask an editor (configured in FACTDESK_EDITORS or FACTDESK_EDITOR_GROUP)."
NO_SUCH_FACT = "There is no fact #{fact_id}."
FACT_NOT_HERE = "Fact #{fact_id} belongs to a story that is not answered in this channel."
CORRECTED = "Fact #{fact_id} corrected: {old} → *{new}*. {threads}"
RETRACTED = "Fact #{fact_id} retracted. {threads}"
THREADS_NOTIFIED = "I posted the correction in {n} thread(s) that cited it."
CORRECTION_IN_THREAD = (
    ":warning: *Correction:* an editor corrected a figure this answer cited: {old} is now *{new}*.{note}"
)
RETRACTION_IN_THREAD = ":warning: *Retraction:* an editor retracted a fact this answer cited ({old}).{note}"
NOTE = " Note: {note}"

DIGEST_NOT_SET_UP = "Digests are not set up yet."
DIGEST_USAGE = (
    "Usage: `/story digest now`, `/story digest at HH:MM [timezone] [weekdays] [quiet]` "
    "(e.g. `/story digest at 07:30 America/New_York weekdays`; `quiet`: post nothing on days "
    "with nothing new), or `/story digest off`."
)
DIGEST_SCHEDULED = "I will post the digest of *{title}* here {days} at {at} ({zone}){quiet}."
DIGEST_QUIET = ", except on days with nothing new"
DIGEST_DAILY = "every day"
DIGEST_WEEKDAYS = "on weekdays"
DIGEST_BAD_SETTING = "I cannot schedule that digest: {error}."
DIGEST_OFF = "Digests are off in this channel. `/story digest at HH:MM` turns them on again."
DIGEST_WAS_OFF = "This channel had no digest scheduled."
# `/story digest now`, by what the run did.
DIGEST_NOW = {
    "posted": "Posted the digest of *{title}* in this channel.",
    "empty": "Nothing new in *{title}* since the last digest.",
    "already": "The digest of *{title}* was posted here a moment ago.",
    "channel_gone": "I cannot post in this channel ({note}). Invite me with `/invite`, then try again.",
    "failed": "The digest could not be posted: {note}. Please try again later.",
}

HOME_TITLE = "factdesk"
HOME_INTRO = "Stories you can ask me about. Mention me in a channel, DM me, or use `/story`."
HOME_NO_STORIES = "No stories yet. Start one in a channel with `/story new <title>`."
HOME_STORY_LINE = "*{title}* (`{slug}`) — {articles} reports, {facts} facts{where}"
HOME_DIGESTS = "*Channel digests*"
HOME_NO_DIGESTS = "No channel digests yet. Set one in a channel with `/story digest at 08:00`."
HOME_DIGEST_LINE = "<#{channel}>: *{title}* {days} at {at} ({zone}){quiet}{last}"
HOME_DIGEST_LAST = ", last posted {when}"
HOME_DIGEST_OFF = "<#{channel}>: *{title}* — off"
HOME_DIGEST_TURNED_OFF = "<#{channel}>: *{title}* — turned off by the bot: Slack said `{reason}`. Invite me to the channel, then `/story digest at HH:MM` again."
HOME_FLAGS = "*Flagged answers* (for editors)"
HOME_FLAG_LINE = "<@{user}> flagged an answer in <#{channel}>: {question}"

ERROR = "Something went wrong on my side; the error is logged. Please try again."
