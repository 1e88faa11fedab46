import { CanAccess, useGetIdentity, useLogout } from '@refinedev/core';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { Identity } from '../../../shared/authJson';
import { useTheme } from '../theme';
import type { IconName } from './Icon';
import { Icon } from './Icon';

interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** The Refine resource whose `list` access control must allow; default shown to everyone signed in. */
  resource?: string;
}

const PERSONAL: NavItem[] = [
  { to: '/settings/security/sessions', label: 'Sessions', icon: 'devices' },
  { to: '/settings/security/apps', label: 'Apps & notifications', icon: 'apps' },
  { to: '/settings/security/password', label: 'Password', icon: 'lock' },
  { to: '/settings/outbox', label: 'Outbox', icon: 'audit' },
];

const ADMIN: NavItem[] = [
  { to: '/admin/login-management', label: 'Login management', icon: 'devices', resource: 'login-management' },
  { to: '/admin/people', label: 'People', icon: 'users', resource: 'people' },
  { to: '/admin/policy', label: 'Session policy', icon: 'policy', resource: 'session-policy' },
  { to: '/admin/api-keys', label: 'API keys', icon: 'key', resource: 'api-keys' },
  { to: '/admin/audit-log', label: 'Audit log', icon: 'audit', resource: 'audit-log' },
];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

function NavSection({ title, items }: { title: string; items: NavItem[] }) {
  return (
    <div className="nav-section">
      <p className="nav-section__title">{title}</p>
      <ul>
        {items.map((item) => {
          const link = (
            <li key={item.to}>
              <NavLink
                to={item.to}
                className={({ isActive }) => `nav-link${isActive ? ' nav-link--active' : ''}`}
              >
                <Icon name={item.icon} />
                <span>{item.label}</span>
              </NavLink>
            </li>
          );
          return item.resource ? (
            <CanAccess key={item.to} resource={item.resource} action="list">
              {link}
            </CanAccess>
          ) : (
            link
          );
        })}
      </ul>
    </div>
  );
}

/** The admin shell: sidebar navigation, a header with the signed-in person, and the page. */
export function Shell() {
  const { data: me } = useGetIdentity<Identity>();
  const { mutate: logout, isPending } = useLogout();
  const [theme, setTheme] = useTheme();
  // Under 900 px the sidebar is a drawer behind the top bar's menu button (app.css); it closes on each move.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [menuOpen]);

  return (
    <div className={`shell${menuOpen ? ' shell--menu-open' : ''}`}>
      <button
        type="button"
        className="shell__scrim"
        aria-label="Close menu"
        tabIndex={-1}
        onClick={() => setMenuOpen(false)}
      />
      <aside className="sidebar" id="main-navigation" aria-label="Main navigation">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <div>
            <p className="brand__name">Acme Admin</p>
            <p className="brand__tenant">acme.example</p>
          </div>
        </div>
        <nav>
          <NavSection title="Settings · Security" items={PERSONAL} />
          {/* Hidden by CSS while access control allows none of its links. */}
          <NavSection title="Administration" items={ADMIN} />
        </nav>
        <p className="sidebar__footer">Sessions by SessionKit</p>
      </aside>
      <div className="main">
        <header className="topbar">
          <button
            type="button"
            className="icon-button topbar__menu"
            aria-controls="main-navigation"
            aria-expanded={menuOpen}
            aria-label={menuOpen ? 'Close menu' : 'Menu'}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <Icon name={menuOpen ? 'close' : 'menu'} />
          </button>
          <div className="topbar__spacer" />
          <button
            type="button"
            className="icon-button"
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
            aria-label={theme === 'dark' ? 'Use light theme' : 'Use dark theme'}
            title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          >
            <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
          </button>
          {me ? (
            <div className="user-chip" data-testid="signed-in-user" title={me.name}>
              <span className="avatar" aria-hidden="true">
                {initials(me.name)}
              </span>
              <span className="user-chip__text">
                <span className="user-chip__name">
                  {me.name}
                  {me.superUser ? <span className="badge badge--super">SUPER</span> : null}
                </span>
                <span className="user-chip__role">
                  {[me.role, me.department].filter(Boolean).join(' · ')}
                </span>
              </span>
            </div>
          ) : null}
          <button
            type="button"
            className="button button--ghost"
            // Its text is hidden on a phone, where the icon alone shows.
            aria-label="Sign out"
            onClick={() => logout()}
            disabled={isPending}
          >
            <Icon name="logout" />
            <span className="topbar__label">Sign out</span>
          </button>
        </header>
        <main className="content" id="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

/**
 * A page: where it sits in the navigation, its title and its body. Pages that are one kit component, which
 * brings its own heading and explanation, keep their h1 for screen readers only (`titleHidden`) so the
 * screen doesn't say the same thing twice.
 */
export function Page({
  trail,
  title,
  titleHidden = false,
  description,
  actions,
  back,
  children,
}: {
  /** Breadcrumb above the title, e.g. ['Settings', 'Security']. */
  trail: string[];
  title: ReactNode;
  titleHidden?: boolean;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <div className="page">
      <div className="page__header">
        <div>
          {back ? (
            <NavLink to={back.to} className="back-link">
              <Icon name="back" size={16} />
              {back.label}
            </NavLink>
          ) : trail.length > 0 || titleHidden ? (
            <p className="crumbs">
              {trail.map((part, i) => (
                <span key={part}>
                  {i > 0 ? <span aria-hidden="true"> › </span> : null}
                  {part}
                </span>
              ))}
              {titleHidden ? (
                <span>
                  <span aria-hidden="true"> › </span>
                  <span className="crumbs__current">{title}</span>
                </span>
              ) : null}
            </p>
          ) : null}
          <h1 className={titleHidden ? 'visually-hidden' : undefined}>{title}</h1>
          {description ? <p className="page__description">{description}</p> : null}
        </div>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

/** The credit DB-IP Lite's CC BY 4.0 licence asks for wherever its places show. */
export function GeoAttribution() {
  const { data: me } = useGetIdentity<Identity>();
  if (me?.geoAttribution !== 'dbip') return null;
  return (
    <p className="attribution">
      <a href="https://db-ip.com" target="_blank" rel="noreferrer">
        IP geolocation by DB-IP.com
      </a>
    </p>
  );
}
