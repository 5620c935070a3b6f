"""The conversation model shared by every channel: people, messages and what they are about.

A conversation is a tree of :class:`Msg`: a citizen's message (or a council post) and its
replies. The channel writers turn the same trees into each platform's format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Case", "Msg", "Person", "Survey", "root", "walk"]


@dataclass(eq=False)
class Person:
    """A sender: a synthetic citizen or one of the council's accounts.

    Attributes
    ----------
    uid
        Platform user id (for e-mail, the address of the council's mailbox).
    handle
        User name, without ``@``.
    name
        Display name (the handle itself when the citizen shows no name).
    first
        First name, used in greetings; empty for the council.
    lang
        Language the person usually writes in: ``"es"``, ``"ca"`` or ``"en"``.
    created
        Account creation time, UTC epoch seconds.
    domain
        Home server (Mastodon) or mail domain (e-mail); empty elsewhere.
    """

    uid: str
    handle: str
    name: str
    first: str
    lang: str
    created: int = 0
    domain: str = ""

    @property
    def address(self) -> str:
        """``handle@domain``: the e-mail address, or the Mastodon ``acct`` of a remote account."""
        return f"{self.handle}@{self.domain}"


@dataclass(eq=False)
class Msg:
    """One message of a conversation tree.

    Attributes
    ----------
    ts
        Creation time, UTC epoch seconds.
    author
        Who wrote it.
    text
        Plain text, before any platform escaping.
    lang
        Language of ``text``.
    official
        True for the council's messages.
    parent
        The message this one replies to (None for a conversation's first message).
    kind
        ``"inbound"`` (a citizen starts), ``"post"`` (a council announcement), ``"reply"``
        (the council answers), ``"followup"`` (the citizen answers back) or ``"neighbour"``
        (another citizen joins in).
    hidden
        Hidden by the page's moderators (Facebook and Instagram insults).
    private
        A direct message.
    likes
        Likes / favourites.
    empathy
        For the council's replies: the empathy, in [0, 1], its wording was drawn from.
    children
        Replies, in the order they were added.
    mid
        Platform id, given when the channel is written.
    extra
        Per-channel annotations: ``case``, ``link``, ``recontact``, ``subject``.
    """

    ts: int
    author: Person
    text: str
    lang: str | None
    official: bool = False
    parent: Msg | None = None
    kind: str = "inbound"
    hidden: bool = False
    private: bool = False
    likes: int = 0
    empathy: float = 0.0
    children: list[Msg] = field(default_factory=list)
    mid: str = ""
    extra: dict = field(default_factory=dict)

    def reply(self, child: Msg) -> Msg:
        """Attach ``child`` as a reply to this message and return it."""
        child.parent = self
        self.children.append(child)
        return child


@dataclass
class Case:
    """What a citizen's first message is about.

    Attributes
    ----------
    category
        A key of :data:`roi.sample.phrases.CITIZEN` (``"complaint"``, ``"question"``, ...).
    lang
        Language of the exchange.
    topic
        A key of :data:`roi.sample.phrases.TOPICS`, or None (thanks for nothing in
        particular, off-topic chat, insults).
    place
        Index into :data:`roi.sample.phrases.PLACES`.
    link
        The link of the council post commented on, if any.
    phrase
        Which wording of the subject the citizen used (replies keep it).
    """

    category: str
    lang: str
    topic: str | None
    place: int
    link: str | None = None
    phrase: int = 0


@dataclass
class Survey:
    """A satisfaction survey sent after the council answered a conversation.

    Attributes
    ----------
    channel
        Channel of the conversation.
    root
        The conversation's first message (its ``mid`` is the survey's ``thread_id``).
    answer
        The council's last answer; the survey is answered some hours after it.
    empathy
        Empathy of the council's answer, in [0, 1]; it drives the score.
    """

    channel: str
    root: Msg
    answer: Msg
    empathy: float


def walk(root: Msg) -> Iterator[Msg]:
    """Depth-first over a conversation, each message before its replies (replies in time order)."""
    stack = [root]
    while stack:
        msg = stack.pop()
        yield msg
        stack.extend(sorted(msg.children, key=lambda m: m.ts, reverse=True))


def root(msg: Msg) -> Msg:
    """The first message of the conversation ``msg`` belongs to."""
    while msg.parent is not None:
        msg = msg.parent
    return msg
