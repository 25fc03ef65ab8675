// `cubbies review` on its own: the review screen as a whole app, leaving the app on q.
import { useApp } from 'ink';
import { ReviewScreen, type ReviewScreenProps } from './ReviewScreen.js';

export function ReviewApp(props: Omit<ReviewScreenProps, 'onExit'>) {
  const { exit } = useApp();
  return <ReviewScreen {...props} onExit={() => exit()} />;
}
