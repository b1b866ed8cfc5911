/**
 * A role is named by the level of the user's area (docs/ASSESSMENT.md "Targets at every level"):
 * 省级管理员 for a province's admin, 市级管理员 for a prefecture's — one function for every screen —
 * and the refusal messages name the admins of the deployment: 市级管理员 in REGION=3301, 省级、市级
 * 管理员 in a province. Both languages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../i18n';
import { deployment, setDeployment } from '../../domain/deployment';
import { twoPrefectureProvince } from '../../test-support/province';
import { adminsLabel, roleLabel } from './labels';

const built = deployment();
afterEach(() => setDeployment(built));

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

describe('role names by level', () => {
  it('names an admin by the level of their area, other roles by their role', () => {
    expect(roleLabel(zh, 'admin', 'province')).toBe('省级管理员');
    expect(roleLabel(zh, 'admin', 'prefecture')).toBe('市级管理员');
    expect(roleLabel(zh, 'admin', 'county')).toBe('县级管理员');
    expect(roleLabel(en, 'admin', 'province')).toBe('Provincial admin');
    expect(roleLabel(en, 'admin', 'prefecture')).toBe('City admin');
    expect(roleLabel(zh, 'coordinator', 'county')).toBe('县级协调员');
    // Without a level (an audit entry keeps only the role): the role's own word, as before.
    expect(roleLabel(zh, 'admin')).toBe('市级管理员');
  });

  it('refusals name the deployment’s admins: the city’s in REGION=3301, the province’s too in a province', () => {
    const forbidden = (t: typeof zh) => t('conflicts.forbidden', { admins: adminsLabel(t) });
    expect(forbidden(zh)).toBe('只有县级协调员和市级管理员可以处理冲突。');
    expect(forbidden(en)).toBe('Only county coordinators and city admins can review conflicts.');
    setDeployment(twoPrefectureProvince(built));
    expect(forbidden(zh)).toBe('只有县级协调员和省级、市级管理员可以处理冲突。');
    expect(en('duplicates.forbidden', { admins: adminsLabel(en) })).toBe(
      'Only county coordinators and provincial and city admins review duplicate points.',
    );
    expect(
      zh('report.refused.role', {
        admins: adminsLabel(zh),
        role: roleLabel(zh, 'officer', 'township'),
      }),
    ).toBe('年度考核表由区县协调员和省级、市级管理员编制。你的账号是电商专员，不能打开考核表。');
  });
});
