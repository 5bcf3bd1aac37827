import { expect, type Locator, type Page } from "@playwright/test";

export interface NewProgrammeItem {
  kind: string;
  title: string;
  start: string;
  end: string;
}

/** Adds a session through the programme tab's « Ajouter une séquence » form and returns its row. */
export async function addProgrammeItem(page: Page, item: NewProgrammeItem): Promise<Locator> {
  const add = page.locator("section").filter({ has: page.getByRole("heading", { name: "Ajouter une séquence" }) });
  await add.getByLabel("Type").selectOption(item.kind);
  await add.getByRole("textbox", { name: /^Titre/ }).fill(item.title);
  await add.getByLabel("Début").fill(item.start);
  await add.getByLabel("Fin").fill(item.end);
  await add.getByRole("button", { name: "Ajouter la séquence" }).click();
  await expect(page.locator("li.admin-programme__item h2").filter({ hasText: `· ${item.title}` })).toHaveCount(1);
  return page.locator("li.admin-programme__item").filter({ hasText: item.title });
}
