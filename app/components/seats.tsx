import type { Seats } from "#app/domain/registrations/seats.server.ts";

/** « 37 places restantes », « 1 place restante », « Complet — liste d’attente ouverte », « Complet ». */
export function seatsLabel(seats: Seats): string {
  switch (seats.kind) {
    case "left":
      return seats.seatsLeft > 1
        ? `${seats.seatsLeft}\u00a0places restantes`
        : `${seats.seatsLeft}\u00a0place restante`;
    case "full_waitlist":
      return "Complet — liste d’attente ouverte";
    case "full":
      return "Complet";
  }
}

/** The register button as the seats allow it: none when full without a waiting list, or not open yet. */
export function RegisterButton({ slug, seats }: { slug: string; seats: Seats }) {
  if (!seats.open || seats.kind === "full") return null;
  return (
    <a className="button" href={`/editions/${slug}/inscription`}>
      {seats.kind === "full_waitlist" ? "S’inscrire sur la liste d’attente" : "S’inscrire"}
    </a>
  );
}
