import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("editions", "routes/editions.tsx"),
  route("editions/:slug", "routes/edition.tsx"),
  route("editions/:slug/inscription", "routes/registration.tsx"),
  route("editions/:slug/inscription/lien", "routes/registration-link.tsx"),
  route("editions/:slug/calendrier.ics", "routes/edition-calendar.ts"),
  route("calendrier.ics", "routes/calendar.ts"),
  route("inscription/:token", "routes/my-registration.tsx"),
  route("inscription/:token/invitation.ics", "routes/my-registration-invite.ts"),
  route("inscription/:token/annulation", "routes/my-registration-cancel.tsx"),

  ...prefix("admin", [
    route("connexion", "routes/admin/login.tsx"),
    route("deconnexion", "routes/admin/logout.tsx"),
    route("invitation/:token", "routes/admin/set-password.tsx"),
    layout("routes/admin/layout.tsx", [
      index("routes/admin/home.tsx"),
      route("editions", "routes/admin/editions/list.tsx"),
      route("editions/nouvelle", "routes/admin/editions/new.tsx"),
      route("editions/:editionId", "routes/admin/editions/layout.tsx", [
        index("routes/admin/editions/overview.tsx"),
        route("modifier", "routes/admin/editions/edit.tsx"),
        route("programme", "routes/admin/editions/programme.tsx"),
        route("inscriptions", "routes/admin/editions/registrations.tsx"),
        route("accueil", "routes/admin/editions/check-in.tsx"),
        route("messages", "routes/admin/editions/messages.tsx"),
      ]),
      route("personnes", "routes/admin/persons.tsx"),
      route("courriels", "routes/admin/emails.tsx"),
      route("courriels/:emailId", "routes/admin/email.tsx"),
      route("utilisateurs", "routes/admin/users/list.tsx"),
      route("utilisateurs/nouveau", "routes/admin/users/new.tsx"),
      route("utilisateurs/:userId", "routes/admin/users/edit.tsx"),
      route("mot-de-passe", "routes/admin/password.tsx"),
      route("journal", "routes/admin/audit.tsx"),
    ]),
    route("courriels/:emailId/apercu", "routes/admin/email-preview.ts"),
    route("editions/:editionId/inscriptions.csv", "routes/admin/editions/export-csv.ts"),
    route("editions/:editionId/emargement", "routes/admin/editions/sign-in-sheet.tsx"),
    route("editions/:editionId/badges.pdf", "routes/admin/editions/badges.ts"),
  ]),

  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
