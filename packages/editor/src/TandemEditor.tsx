import { ConnectedEditor } from './ConnectedEditor.js'
import { DocumentEditor } from './DocumentEditor.js'
import type { TandemEditorProps } from './props.js'

/**
 * The embeddable Tandem rich-text editor: toolbar, shared content, carets of others. With
 * `serverUrl` it connects by itself; otherwise it edits the given `handle` or `doc`.
 */
export function TandemEditor(props: TandemEditorProps) {
  if (props.serverUrl !== undefined && !props.doc && !props.handle) {
    return <ConnectedEditor {...props} serverUrl={props.serverUrl} />
  }
  return <DocumentEditor {...props} />
}
