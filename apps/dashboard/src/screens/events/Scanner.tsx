import QrScanner from 'qr-scanner';
import { useEffect, useRef, useState } from 'react';

/**
 * The phone's back camera, reading QR codes (qr-scanner: the browser's BarcodeDetector where there
 * is one, else its own decoder in a worker). Reports the first code read, once.
 */
export function Scanner({ onResult, onClose }: { onResult: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = useRef(false);
  const report = useRef(onResult);
  report.current = onResult;

  useEffect(() => {
    if (!video.current) {
      return undefined;
    }
    const scanner = new QrScanner(
      video.current,
      (result) => {
        if (!done.current) {
          done.current = true;
          report.current(result.data);
        }
      },
      { preferredCamera: 'environment', maxScansPerSecond: 5, returnDetailedScanResult: true },
    );
    scanner.start().catch((error: unknown) => {
      setProblem(
        `The camera could not be opened (${String(error)}). Allow the camera for this site, or check people in by name.`,
      );
    });
    return () => scanner.destroy();
  }, []);

  return (
    <div className="scanner">
      <video ref={video} className="scanner__video" muted playsInline aria-label="Camera view for scanning" />
      {problem ? (
        <p className="error" role="alert">
          Error: {problem}
        </p>
      ) : (
        <p className="hint">Hold the code from the person’s RSVP email in the frame.</p>
      )}
      <button type="button" className="button button--secondary" onClick={onClose}>
        Stop scanning
      </button>
    </div>
  );
}
