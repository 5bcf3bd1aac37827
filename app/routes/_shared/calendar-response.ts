/** A plain-text 404 for an .ics address with nothing to give: a calendar app shows it as is. */
function missingCalendar(message: string) {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** One person's invitation (iTIP REQUEST), downloaded to be added to their calendar; or the 404 `missing`. */
export function inviteResponse(ics: string | null, fileName: string, missing: string) {
  if (!ics) return missingCalendar(missing);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8; method=REQUEST",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    },
  });
}

/** A public feed to subscribe to, the same for everyone: shown inline and cached five minutes. */
export function feedResponse(ics: string | null, fileName: string, missing = "Édition introuvable") {
  if (!ics) return missingCalendar(missing);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${fileName}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
