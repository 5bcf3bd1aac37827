import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("editions", "routes/editions.tsx"),
  route("editions/:slug", "routes/edition.tsx"),

  ...prefix("admin", [
    route("connexion", "routes/admin/login.tsx"),
    route("deconnexion", "routes/admin/logout.tsx"),
    layout("routes/admin/layout.tsx", [index("routes/admin/home.tsx")]),
  ]),

  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
