/**
 * Shared presentational components: props in, callbacks out. Nothing here reads a store, the
 * database or the sync engine (eslint enforces the last two), and nothing here translates text:
 * callers pass strings that already went through the i18n layer.
 */
export { Banner, type BannerAction, type BannerProps, type BannerTone } from './Banner';
export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { Card, type CardProps } from './Card';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export {
  Field,
  PasswordField,
  REQUIRED_MARK_CLASS,
  type FieldControlProps,
  type FieldProps,
  type PasswordFieldProps,
} from './Field';
export { InputField, SelectField, type InputFieldProps, type SelectFieldProps } from './InputField';
export { Icon, type IconName, type IconProps } from './Icon';
export { LinkList, LinkRow, type LinkListProps, type LinkRowProps } from './LinkRow';
export { PasswordForm, type PasswordFormProps } from './PasswordForm';
export { ProgressBar, type ProgressBarProps } from './ProgressBar';
export { Screen, type ScreenProps } from './Screen';
export { Spinner, type SpinnerProps } from './Spinner';
export { preloadable, type PreloadableComponent } from './preloadable';
