import { useEffect, useRef, useState, type RefObject } from "react";
import { useHydrated } from "./use-hydrated.ts";

// The Shape Detection API is in Chromium (Android phones among them) but in no TypeScript lib yet.
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function barcodeDetector(): BarcodeDetectorConstructor | null {
  if (typeof window === "undefined" || !("BarcodeDetector" in window)) return null;
  return (window as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector;
}

/**
 * « Scanner le QR code »: offered only where the browser reads QR codes itself. The camera fills
 * the code field and submits the form, exactly as if the code had been typed.
 */
export function CodeScanner({
  form,
  input,
}: {
  form: RefObject<HTMLFormElement | null>;
  input: RefObject<HTMLInputElement | null>;
}) {
  const hydrated = useHydrated();
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!scanning) return;
    const Detector = barcodeDetector();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ["qr_code"] });
    const look = async () => {
      if (stopped || !video.current) return;
      try {
        const [found] = video.current.readyState >= 2 ? await detector.detect(video.current) : [];
        if (found?.rawValue && input.current && form.current) {
          input.current.value = found.rawValue;
          setScanning(false);
          form.current.requestSubmit();
          return;
        }
      } catch {
        // A frame that cannot be read yet: try the next one.
      }
      timer = setTimeout(() => void look(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then((media) => {
        stream = media;
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play();
        }
        void look();
      })
      .catch(() => {
        setProblem("La caméra n’est pas accessible\u00a0: saisissez le code.");
        setScanning(false);
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning, form, input]);

  if (!hydrated || !barcodeDetector()) return null;
  return (
    <div className="check-in__scanner">
      <button
        type="button"
        className="button button--secondary"
        aria-pressed={scanning}
        onClick={() => {
          setProblem(null);
          setScanning((on) => !on);
        }}
      >
        {scanning ? "Arrêter la caméra" : "Scanner le QR code"}
      </button>
      {scanning ? (
        <video ref={video} className="check-in__video" muted playsInline aria-label="Image de la caméra" />
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
