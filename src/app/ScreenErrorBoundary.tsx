/**
 * Catches a screen that fails to load or render (typically a lazy chunk that cannot be fetched:
 * offline before the worker precached it, or an old page after a deploy) and offers a reload,
 * instead of a blank page. The shell around it, with the tabs, keeps working; navigating to
 * another path clears the error.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, EmptyState } from '../ui';
import { useT } from '../i18n';

interface ScreenErrorBoundaryProps {
  /** The current path: a new one gives the new screen a fresh chance. */
  path: string;
  children: ReactNode;
}

interface ScreenErrorBoundaryState {
  failedPath: string | null;
}

function ScreenErrorFallback() {
  const t = useT();
  return (
    <div className="screen">
      <EmptyState
        icon="alert"
        title={t('screenError.title')}
        action={
          <Button icon="refresh" onClick={() => window.location.reload()}>
            {t('screenError.reload')}
          </Button>
        }
      >
        {t('screenError.body')}
      </EmptyState>
    </div>
  );
}

export class ScreenErrorBoundary extends Component<
  ScreenErrorBoundaryProps,
  ScreenErrorBoundaryState
> {
  override state: ScreenErrorBoundaryState = { failedPath: null };

  static getDerivedStateFromError(): Partial<ScreenErrorBoundaryState> {
    // The path is filled in by componentDidCatch, which knows the props; a marker until then.
    return { failedPath: '' };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.setState({ failedPath: this.props.path });
    console.error('Screen failed', error, info.componentStack);
  }

  override componentDidUpdate(previous: ScreenErrorBoundaryProps): void {
    if (this.state.failedPath != null && previous.path !== this.props.path) {
      this.setState({ failedPath: null });
    }
  }

  override render(): ReactNode {
    return this.state.failedPath != null ? <ScreenErrorFallback /> : this.props.children;
  }
}
