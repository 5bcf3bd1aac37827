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
    layout("routes/admin/layout.tsx", [
      index("routes/admin/home.tsx"),
      route("editions/:editionId", "routes/admin/edition.tsx"),
      route("courriels", "routes/admin/emails.tsx"),
      route("courriels/:emailId", "routes/admin/email.tsx"),
    ]),
    route("courriels/:emailId/apercu", "routes/admin/email-preview.ts"),
  ]),

  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
