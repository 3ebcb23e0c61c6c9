import Button from '@atlaskit/button/new';
import UploadIcon from '@atlaskit/icon/core/upload';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { useId, useRef, useState, type DragEvent } from 'react';

/**
 * A file picker in the design system's look: a drop zone with a Button that opens the browser's file dialog. The file
 * input itself is hidden from sight and from assistive technology: the Button is the one control to tab to and
 * press, and dropping a file on the zone does the same as choosing it.
 */
export function FileDropZone({
  label,
  accept,
  chosen,
  onFile,
}: {
  /** What the file is for: names the zone. */
  label: string;
  accept: string;
  /** The name of the file chosen, if any. */
  chosen?: string;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const labelId = useId();
  const hintId = useId();
  const accepts = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  return (
    <div
      role="group"
      aria-labelledby={labelId}
      className={dragging ? 'rba-drop-zone rba-drop-zone-active' : 'rba-drop-zone'}
      onDragEnter={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <Stack space="space.100" alignInline="center">
        <Text weight="bold" id={labelId}>
          {label}
        </Text>
        <Text color="color.text.subtle" size="small" id={hintId}>
          {chosen ? `Chosen: ${chosen}. Drop or choose another to replace it.` : 'Drop a JSON file here, or'}
        </Text>
        <Inline>
          <Button iconBefore={UploadIcon} aria-describedby={hintId} onClick={() => input.current?.click()}>
            Choose a file
          </Button>
        </Inline>
      </Stack>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="rba-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again (after editing it) is a change too.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
