/** A form's one button beside the way back, for a page that asks to confirm a change to a private link. */
export function SubmitOrBack({
  label,
  back,
  backLabel,
  danger = false,
}: {
  label: string;
  back: string;
  backLabel: string;
  danger?: boolean;
}) {
  return (
    <>
      <button type="submit" className={danger ? "button button--danger" : "button"}>
        {label}
      </button>{" "}
      <a href={back}>{backLabel}</a>
    </>
  );
}
