/** What the organiser's change will send, as computed by the domain's rehearsal of it. */
export type SendingPreviewData = {
  summary: string;
  fingerprint: string;
  samples: Array<{ kind: string; count: number; to: string; subject: string; text: string }>;
};

/**
 * Shown inside the form being saved, so that confirming sends the same values again with the
 * fingerprint of this preview. Works without JavaScript.
 */
export function SendingPreview({
  preview,
  confirmLabel,
  danger = false,
}: {
  preview: SendingPreviewData;
  confirmLabel: string;
  danger?: boolean;
}) {
  return (
    <section className="notice notice--warn sending-preview" aria-labelledby="apercu-envoi" role="alert">
      <h2 id="apercu-envoi">Avant d’enregistrer</h2>
      <p>{preview.summary}</p>
      {preview.samples.map((sample) => (
        <details key={sample.kind} className="sending-preview__sample">
          <summary>
            Exemple de courriel envoyé à {sample.to}&nbsp;: «&nbsp;{sample.subject}&nbsp;»
          </summary>
          <pre className="sending-preview__text">{sample.text}</pre>
        </details>
      ))}
      <p>Rien n’est enregistré ni envoyé tant que vous ne confirmez pas.</p>
      <input type="hidden" name="confirmation" value={preview.fingerprint} />
      <button type="submit" className={danger ? "button button--danger" : "button"}>
        {confirmLabel}
      </button>
    </section>
  );
}
