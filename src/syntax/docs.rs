//! Documentation of the codes the parser itself reports.

use crate::registry::Docs;

pub static SYNTAX: Docs = Docs {
    what: "A line that does not parse. The message says what was expected and the label points at the token that was found instead. Every bad line is reported, each once. The members of a `shares` or `total` header that fails to parse, and the quotes under any bad line, are skipped rather than reported again; a line indented under one that is not a block header at all (`2000 sharez …`) is a stray line of its own.",
    why: "A line that cannot be read is a claim that is not being checked. The rest of the file is still parsed and checked, so one typo never hides the other findings.",
    example: "2000 trade is $1.5bn [@xing]\n;               ^^ expected a comparator (=, ~, >, >=, <, <=) after `trade`",
    fix: "Write the line in the form the message names, for example `2000 trade = $1.5bn [@xing]`. After a claim's value come its flags, then its citation; after an event's description its `after`/`before … by`, `lasting` and `first`, then its citation; `#tags` may stand anywhere among or after them (`2000 trade = $1bn #peak max [@xing]`). `claimcheck explain` lists every code; the README's language summary lists every directive.",
};

pub static INVALID_DATE: Docs = Docs {
    what: "A date that does not exist in the calendar: a 13th month, 29 February in a year that is not a leap year, 31 April; or a period that must end before it starts (`2008..2003`).",
    why: "An impossible date is always a transcription error, and it cannot be placed on the timeline or compared with other claims.",
    example: "1999-02-29 trade = $1bn [@xing]   ; 1999 is not a leap year",
    fix: "Correct the date from the manuscript or its source; if only the month or year is known, write `1999-02` or `1999`. Write a period from its start to its end.",
};
