export const demoThemes = [
  {
    slug: "aller-vers",
    name: "L’aller-vers",
    description: "Aller à la rencontre des personnes là où elles vivent, plutôt que d’attendre qu’elles viennent.",
  },
  {
    slug: "coordination",
    name: "Coordination des acteurs",
    description: "Comment les structures de l’AHI, du soin et du droit commun travaillent ensemble.",
  },
  {
    slug: "sante-mentale",
    name: "Santé mentale",
    description: "Soin psychique, précarité et accompagnement social.",
  },
];
