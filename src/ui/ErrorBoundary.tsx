// An unexpected error while drawing becomes one sentence, and the app leaves cleanly:
// the boundary shows the sentence and hands the error to onError, which exits Ink (the
// command then prints the sentence again on the restored terminal).
import { Component, type ReactNode } from 'react';
import { Box, Text } from 'ink';

export function errorSentence(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
  return message === ''
    ? 'cubbies: something went wrong. Please report it.'
    : `cubbies: something went wrong: ${message}. Please report it.`;
}

interface Props {
  children: ReactNode;
  onError: (error: Error) => void;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error): void {
    // Leave after this frame is drawn.
    setImmediate(() => this.props.onError(error));
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <Box flexDirection="column">
          <Text>{errorSentence(this.state.error)}</Text>
        </Box>
      );
    }
    return this.props.children;
  }
}
