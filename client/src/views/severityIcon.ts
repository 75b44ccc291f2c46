// One icon language for severities across the views: the Problems panel's error / warning / info icons.
import * as vscode from 'vscode';
import type { Severity } from '../../../server/src/core/types';
import type { FindingClass } from '../../../server/src/protocol';

export function severityIcon(severity: Severity | FindingClass): vscode.ThemeIcon {
  switch (severity) {
    case 'permanent':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'transient':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'both':
      return new vscode.ThemeIcon('warning');
    default:
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  }
}
