import type { I18nProvider } from '@refinedev/core';

// A few of the kit's strings in Hebrew, so the right-to-left stories show a real RTL language and prove that
// every string goes through the host's i18n provider. Keys not listed fall back to the English defaults.
const HEBREW: Record<string, string> = {
  'sessionkit.sessionList.title': 'המכשירים המחוברים שלך',
  'sessionkit.sessionList.subtitle': 'נתקו כל מכשיר שאינכם מזהים. המכשיר שבו אתם משתמשים עכשיו יישאר מחובר.',
  'sessionkit.sessionList.signOutOthers': 'ניתוק כל שאר ההתחברויות',
  'sessionkit.sessionList.thisDevice': 'המכשיר הזה',
  'sessionkit.sessionList.device': 'מכשיר',
  'sessionkit.sessionList.location': 'מיקום',
  'sessionkit.sessionList.ip': 'כתובת IP',
  'sessionkit.sessionList.lastActive': 'פעילות אחרונה',
  'sessionkit.sessionList.signOut': 'ניתוק',
  'sessionkit.sessionList.signOutNamed': 'ניתוק {{device}}',
  'sessionkit.sessionList.caption': 'ההתחברויות הפעילות שלך',
  'sessionkit.common.activeNow': 'פעיל עכשיו',
  'sessionkit.common.actions': 'פעולות',
  'sessionkit.common.cancel': 'ביטול',
  'sessionkit.common.localNetwork': 'רשת מקומית',
  'sessionkit.policy.title': 'הגדרות התחברות',
  'sessionkit.policy.subtitle':
    'כללים לכל ההתחברויות בחשבון. שינויים חלים על התחברויות קיימות בבקשה הבאה שלהן.',
  'sessionkit.policy.concurrentTitle': 'התחברויות במקביל',
  'sessionkit.policy.limitSessions': 'הגבלת התחברויות במקביל',
  'sessionkit.policy.idleTitle': 'ניתוק בחוסר פעילות',
  'sessionkit.policy.rememberTitle': 'זכור אותי',
  'sessionkit.common.save': 'שמירת השינויים',
  'sessionkit.common.reset': 'איפוס',
  'sessionkit.team.title': 'ניהול התחברויות',
  'sessionkit.team.refresh': 'רענון',
  'sessionkit.team.activeUsers': 'משתמשים פעילים',
  'sessionkit.team.activeSessions': 'התחברויות פעילות',
  'sessionkit.team.superUsers': 'משתמשי-על מחוברים',
  'sessionkit.team.signOutAll': 'ניתוק כל הצוות',
  // Plural forms by Intl.PluralRules('he') categories.
  'sessionkit.team.userCount.one': 'משתמש אחד מחובר',
  'sessionkit.team.userCount.two': 'שני משתמשים מחוברים',
  'sessionkit.team.userCount.other': '{{count}} משתמשים מחוברים',
};

export const hebrewI18n: I18nProvider = {
  translate: (key, options, defaultMessage) =>
    (HEBREW[key] ?? defaultMessage ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      String((options as Record<string, unknown> | undefined)?.[name] ?? whole),
    ),
  changeLocale: async () => undefined,
  getLocale: () => 'he',
};
