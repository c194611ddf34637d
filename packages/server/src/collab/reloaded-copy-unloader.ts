import type {
  Extension,
  Hocuspocus,
  afterUnloadDocumentPayload,
  onConfigurePayload,
} from '@hocuspocus/server'

/**
 * A small override of Hocuspocus' unloading. It keys unloads in progress by document name: a
 * connection that reloads a document while the previous copy's unload hooks still run (our
 * unload compaction takes a while), and closes before they return, asks to unload the *new*
 * copy and is handed the old unload instead, so the new copy would stay in memory with no
 * connection for good. Registered last, this unloads such a copy once the earlier unload is
 * over (the timer runs after Hocuspocus has forgotten that unload).
 */
export class ReloadedCopyUnloader implements Extension {
  extensionName = 'TandemReloadedCopyUnloader'
  private instance: Hocuspocus | undefined

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    setTimeout(() => {
      const instance = this.instance
      const reloaded = instance?.documents.get(documentName)
      if (instance && reloaded && instance.shouldUnloadDocument(reloaded)) {
        void instance.unloadDocument(reloaded)
      }
    }, 0)
  }
}
