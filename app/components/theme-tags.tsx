/** The themes of an edition or an article, each a link to its theme's page; nothing when there are none. */
export function ThemeTags({ themes }: { themes: readonly { slug: string; name: string }[] }) {
  if (themes.length === 0) return null;
  return (
    <ul className="tag-list" aria-label="Thèmes">
      {themes.map((theme) => (
        <li key={theme.slug} className="tag">
          <a href={`/themes/${theme.slug}`}>{theme.name}</a>
        </li>
      ))}
    </ul>
  );
}
