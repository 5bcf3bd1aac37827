import { qrMatrix } from "#app/lib/qr-code.ts";
import { NBSP } from "./components.tsx";

const MODULE_PX = 5;
const QUIET_ZONE = 4;

/**
 * The check-in code of a confirmation: as text, always (read aloud, typed, and the whole of the
 * plain-text part), and as a QR code drawn with table cells. Gmail and Outlook drop inline SVG and
 * data: images, and most clients hold back remote images until asked; coloured cells show in all
 * of them, images blocked or not (decision 025).
 */
export function CheckInCode({ code }: { code: string }) {
  const matrix = qrMatrix(code);
  const size = matrix.length + 2 * QUIET_ZONE;
  const blank = Array.from({ length: QUIET_ZONE }, () => Array<boolean>(matrix.length).fill(false));
  const rows = [...blank, ...matrix, ...blank].map((row) => [
    ...Array<boolean>(QUIET_ZONE).fill(false),
    ...row,
    ...Array<boolean>(QUIET_ZONE).fill(false),
  ]);
  return (
    <>
      <p>
        Le jour J, présentez ce QR code ou donnez votre code d’accueil à l’entrée{NBSP}:{" "}
        <strong style={{ fontFamily: "monospace", fontSize: "18px", letterSpacing: "2px" }}>
          {code.slice(0, 4)}-{code.slice(4)}
        </strong>
      </p>
      <table
        data-skip-in-text="true"
        role="presentation"
        cellPadding={0}
        cellSpacing={0}
        border={0}
        width={size * MODULE_PX}
        style={{ borderCollapse: "collapse", width: `${size * MODULE_PX}px`, background: "#ffffff" }}
        aria-label={`QR code du code d’accueil ${code}`}
      >
        <tbody>
          {rows.map((row, y) => (
            <tr key={y}>
              {runs(row).map(({ dark, length }, x) => (
                <td
                  key={x}
                  colSpan={length > 1 ? length : undefined}
                  width={length * MODULE_PX}
                  height={MODULE_PX}
                  {...legacyColour(dark)}
                  style={{
                    width: `${length * MODULE_PX}px`,
                    height: `${MODULE_PX}px`,
                    padding: 0,
                    // Outlook gives an empty cell a line of text unless told otherwise.
                    fontSize: 0,
                    lineHeight: 0,
                    background: dark ? "#000000" : "#ffffff",
                  }}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** `bgcolor`, which React's types no longer list, is the one colour Outlook's Word engine never drops. */
function legacyColour(dark: boolean): Record<string, string> {
  return { bgcolor: dark ? "#000000" : "#ffffff" };
}

/** Neighbouring cells of one colour become one cell: a fifth of the markup. */
function runs(row: boolean[]): { dark: boolean; length: number }[] {
  const out: { dark: boolean; length: number }[] = [];
  for (const dark of row) {
    const last = out.at(-1);
    if (last && last.dark === dark) last.length++;
    else out.push({ dark, length: 1 });
  }
  return out;
}
