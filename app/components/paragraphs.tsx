/** Plain text typed in a form, a blank line starting a new paragraph. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </>
  );
}

/** A contribution's abstract under its heading, as the speaker and the reviewers both read it. */
export function ContributionAbstract({ text }: { text: string }) {
  return (
    <>
      <h3>Résumé</h3>
      <div className="contribution-abstract">
        <Paragraphs text={text} />
      </div>
    </>
  );
}
