import { decodeMentions, MentionTextarea } from '@tandem/editor'
import type { Members } from './members.js'
import { DeleteIcon, EditIcon } from './icons.js'

/** "Edit" and "Delete" for one's own comment or message (`noun` names them for chat). */
export function EditDeleteButtons(props: {
  noun?: string
  onEdit: () => void
  onDelete: () => void
}) {
  const suffix = props.noun ? ` ${props.noun}` : ''
  // stopPropagation: inside a thread card, a click also activates the thread.
  return (
    <>
      <button
        type="button"
        className="icon-button small"
        aria-label={`Edit${suffix}`}
        title="Edit"
        onClick={(event) => {
          event.stopPropagation()
          props.onEdit()
        }}
      >
        <EditIcon />
      </button>
      <button
        type="button"
        className="icon-button small"
        aria-label={`Delete${suffix}`}
        title="Delete"
        onClick={(event) => {
          event.stopPropagation()
          props.onDelete()
        }}
      >
        <DeleteIcon />
      </button>
    </>
  )
}

/** The inline editor of a stored body: mentions back in `@Name` form, Enter saves, Esc cancels. */
export function InlineEdit(props: {
  body: string
  members: Members
  label: string
  /** Returns an error message to keep editing, or null when saved. */
  onSave: (body: string) => string | null
  onDone: () => void
  onError: (message: string | null) => void
}) {
  const { body, members, label } = props
  const editable = decodeMentions(body, members.nameOf)
  return (
    <div className="composer composer-inline" onClick={(event) => event.stopPropagation()}>
      <MentionTextarea
        members={members.list}
        suggestions="below"
        label={label}
        initialText={editable.text}
        initialPicked={editable.picked}
        autoFocus
        onSubmit={(next) => {
          const failure = props.onSave(next)
          props.onError(failure)
          if (failure) return false
          props.onDone()
        }}
        onCancel={props.onDone}
      />
      <div className="composer-hint muted">Enter to save · Esc to cancel</div>
    </div>
  )
}

/** A refusal shown next to what was refused. */
export function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null
}
