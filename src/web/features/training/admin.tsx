import '../console/i18n.ts';
import '../payments/i18n.ts';
import './i18n.ts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course, Enrolment } from '../../../shared/contracts/training.ts';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { ListFilterBar, ListFilterSelect, matchesAllWords } from '../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
} from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';

/** Staff pages of training (training.manage; requirements: training.rules). Shapes: shared/contracts/training.ts. */
type Module = Course['curriculum'][number];
type Session = Module['sessions'][number];

const coursesQuery = () =>
  queryOptions({
    queryKey: ['training', 'courses'],
    queryFn: () => api<{ items: Course[] }>('/api/training/courses'),
  });
const trainingPeopleQuery = () =>
  queryOptions({
    queryKey: ['training', 'people'],
    queryFn: () =>
      api<{ items: Array<{ accountId: string; displayName: string; roles: string[] }> }>(
        '/api/training/people',
      ),
  });

const enrolmentsQuery = (id: string) =>
  queryOptions({
    queryKey: ['training', 'enrolments', id],
    queryFn: () => api<{ items: Enrolment[] }>(`/api/training/courses/${id}/enrolments`),
  });

function Problem({ error }: { error: unknown }) {
  const message = useProblemMessage();
  if (!error) return null;
  return (
    <Notice tone="error">
      <p>{message(error)}</p>
    </Notice>
  );
}

type CourseSort = 'title' | 'hours';
const courseCollator = new Intl.Collator('ja');
/** title: 50音; hours: the longest course first (then by name). */
function sortCourses(items: Course[], sort: CourseSort): Course[] {
  const byTitle = (a: Course, b: Course) => courseCollator.compare(a.title, b.title);
  return [...items].sort((a, b) =>
    sort === 'hours' ? b.totalMinutes - a.totalMinutes || byTitle(a, b) : byTitle(a, b),
  );
}

const emptyCurriculum = (): Module[] => [
  { title: '', sessions: [{ title: '', minutes: 60, materials: [] }] },
];

/** `/console/training/manage`: courses (modules → sessions → materials), enrolment and completion. */
export function TrainingAdminPage() {
  const { t } = useTranslation();
  const courses = useQuery(coursesQuery());
  const [editing, setEditing] = useState<Course | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Course['status'] | ''>('');
  const [sort, setSort] = useState<CourseSort>('title');
  const allCourses = courses.data?.items ?? [];
  const shown = sortCourses(
    allCourses.filter((c) => (!status || c.status === status) && matchesAllWords(q, [c.title])),
    sort,
  );
  const title = t('training.admin.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">
        {t('training.admin.lead')}{' '}
        <Link to="/console/training/requirements" className={linkClass}>
          {t('training.admin.requirementsLink')}
        </Link>
      </p>
      <section aria-labelledby="courses-heading" className={cardClass}>
        <h2 id="courses-heading" className="text-std-20B-150">
          {t('training.admin.courses')}
        </h2>
        <Problem error={courses.error} />
        {courses.data?.items.length === 0 && <p>{t('training.admin.noCourses')}</p>}
        {/* Client-side: a town's courses come whole (one request, no pages) and are few. */}
        {allCourses.length > 0 && (
          <ListFilterBar
            id="courses"
            label={t('training.admin.filterLabel')}
            text={{
              label: t('training.admin.filterText'),
              value: q,
              onApply: setQ,
              applyLabel: t('training.admin.filterApply'),
            }}
            sort={{
              label: t('training.admin.sort'),
              value: sort,
              onChange: setSort,
              options: (['title', 'hours'] as const).map((value) => ({
                value,
                label: t(`training.admin.sorts.${value}`),
              })),
            }}
          >
            <ListFilterSelect
              id="courses-status"
              label={t('training.admin.filterStatus')}
              value={status}
              onChange={setStatus}
              allLabel={t('training.admin.allStatuses')}
              options={(['open', 'archived'] as const).map((v) => ({
                value: v,
                label: t(`training.admin.courseStatus.${v}`),
              }))}
            />
          </ListFilterBar>
        )}
        {allCourses.length > 0 && shown.length === 0 && <p>{t('training.admin.noneMatch')}</p>}
        <ul className="flex flex-col gap-4">
          {shown.map((c) => (
            <li key={c.id} className="flex flex-col gap-2 border-b border-solid-gray-200 pb-3">
              <p className="text-std-17B-170">
                {c.title}（{t('training.certificate.hours', { minutes: c.totalMinutes })} ・{' '}
                {t(`training.admin.courseStatus.${c.status}`)}）
              </p>
              <div>
                <button
                  type="button"
                  className={compactButtonClass}
                  aria-label={t('training.admin.editCourse', { title: c.title })}
                  onClick={() => {
                    setEditing(c);
                    setFormKey((k) => k + 1);
                  }}
                >
                  {t('training.admin.edit')}
                </button>
              </div>
              <Enrolments course={c} />
            </li>
          ))}
        </ul>
      </section>
      <CourseForm
        key={formKey}
        course={editing}
        onDone={(message) => {
          setSaved(message);
          setEditing(null);
          setFormKey((k) => k + 1);
        }}
      />
      <LiveStatus message={saved} />
    </>
  );
}

function CourseForm({ course, onDone }: { course: Course | null; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [title, setTitle] = useState(course?.title ?? '');
  const [description, setDescription] = useState(course?.description ?? '');
  const [status, setStatus] = useState<'open' | 'archived'>(course?.status ?? 'open');
  const [modules, setModules] = useState<Module[]>(course?.curriculum ?? emptyCurriculum());
  const setModule = (i: number, m: Module) => setModules(modules.map((x, j) => (j === i ? m : x)));
  const save = useMutation({
    mutationFn: () => {
      const curriculum = modules.map((m) => ({
        title: m.title,
        sessions: m.sessions.map((s) => ({
          title: s.title,
          minutes: Number(s.minutes),
          materials: s.materials
            .filter((x) => x.title.trim())
            .map((x) => (x.url?.trim() ? { title: x.title, url: x.url.trim() } : { title: x.title })),
        })),
      }));
      const body = { title, description, curriculum };
      return course
        ? api(`/api/training/courses/${course.id}`, {
            method: 'PUT',
            body: { ...body, status, version: course.version },
          })
        : api('/api/training/courses', { method: 'POST', body });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['training'] });
      onDone(t('training.admin.saved', { title }));
    },
  });
  const heading = course
    ? t('training.admin.editHeading', { title: course.title })
    : t('training.admin.newCourse');
  return (
    <section aria-labelledby="course-form-heading" className={cardClass}>
      <h2 id="course-form-heading" className="text-std-20B-150">
        {heading}
      </h2>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextField
          id="course-title"
          label={t('training.admin.courseTitle')}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextField
          id="course-description"
          label={t('training.admin.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {course && (
          <SelectField
            id="course-status"
            label={t('training.record.status')}
            value={status}
            onChange={(e) => setStatus(e.target.value as 'open' | 'archived')}
            options={[
              { value: 'open', label: t('training.admin.courseStatus.open') },
              { value: 'archived', label: t('training.admin.courseStatus.archived') },
            ]}
          />
        )}
        {modules.map((m, i) => (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and edited in place
            key={i}
            className="flex min-w-0 flex-col gap-3 border border-solid-gray-420 p-3"
          >
            <legend className="text-std-17B-170">{t('training.admin.module', { n: i + 1 })}</legend>
            <TextField
              id={`module-${i}-title`}
              label={t('training.admin.moduleTitle', { n: i + 1 })}
              value={m.title}
              onChange={(e) => setModule(i, { ...m, title: e.target.value })}
            />
            {m.sessions.map((s, k) => {
              const setSession = (next: Session) =>
                setModule(i, { ...m, sessions: m.sessions.map((x, j) => (j === k ? next : x)) });
              const label = `${i + 1}-${k + 1}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and edited in place
                <div key={k} className="flex flex-col gap-2 border-l-4 border-solid-gray-200 pl-3">
                  <div className="flex flex-wrap gap-3">
                    <TextField
                      id={`session-${i}-${k}-title`}
                      label={t('training.admin.sessionTitle', { n: label })}
                      value={s.title}
                      onChange={(e) => setSession({ ...s, title: e.target.value })}
                    />
                    <TextField
                      id={`session-${i}-${k}-minutes`}
                      label={t('training.admin.minutes', { n: label })}
                      inputMode="numeric"
                      value={String(s.minutes)}
                      onChange={(e) =>
                        setSession({ ...s, minutes: Number(e.target.value.replace(/\D/gu, '')) })
                      }
                    />
                  </div>
                  {s.materials.map((x, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and edited in place
                    <div key={j} className="flex flex-wrap gap-3">
                      <TextField
                        id={`material-${i}-${k}-${j}-title`}
                        label={t('training.admin.materialTitle', { n: `${label}-${j + 1}` })}
                        value={x.title}
                        onChange={(e) =>
                          setSession({
                            ...s,
                            materials: s.materials.map((y, z) =>
                              z === j ? { ...y, title: e.target.value } : y,
                            ),
                          })
                        }
                      />
                      <TextField
                        id={`material-${i}-${k}-${j}-url`}
                        label={t('training.admin.materialUrl', { n: `${label}-${j + 1}` })}
                        type="url"
                        value={x.url ?? ''}
                        onChange={(e) =>
                          setSession({
                            ...s,
                            materials: s.materials.map((y, z) =>
                              z === j ? { ...y, url: e.target.value } : y,
                            ),
                          })
                        }
                      />
                    </div>
                  ))}
                  <div>
                    <button
                      type="button"
                      className={compactButtonClass}
                      onClick={() => setSession({ ...s, materials: [...s.materials, { title: '' }] })}
                    >
                      {t('training.admin.addMaterial', { n: label })}
                    </button>
                  </div>
                </div>
              );
            })}
            <div>
              <button
                type="button"
                className={compactButtonClass}
                onClick={() =>
                  setModule(i, { ...m, sessions: [...m.sessions, { title: '', minutes: 60, materials: [] }] })
                }
              >
                {t('training.admin.addSession', { n: i + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => setModules([...modules, ...emptyCurriculum()])}
          >
            {t('training.admin.addModule')}
          </button>
          <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
            {course ? t('training.admin.saveCourse') : t('training.admin.createCourse')}
          </button>
        </div>
        <Problem error={save.error} />
      </form>
    </section>
  );
}

function Enrolments({ course }: { course: Course }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const enrolments = useQuery(enrolmentsQuery(course.id));
  const candidates = useQuery(trainingPeopleQuery());
  // Role names are the console's words (its catalogue section, imported above).
  const roleLabel = (role: string) => t(`console.roles.${role}`, { defaultValue: role });
  const [accountId, setAccountId] = useState('');
  const [done, setDone] = useState('');
  // Every active account of the town can be enrolled: staff, peer supporters, family associations.
  const people = (candidates.data?.items ?? []).map((p) => ({
    accountId: p.accountId,
    displayName: p.displayName,
    label: `${p.displayName}（${p.roles.map(roleLabel).join('・')}）`,
  }));
  const nameOf = (id: string) =>
    people.find((p) => p.accountId === id)?.displayName ?? t('training.admin.account');
  // Filtered and ordered in the browser: a course's enrolments come whole.
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Enrolment['status'] | ''>('');
  const [sort, setSort] = useState<'name' | 'status'>('name');
  const all = enrolments.data?.items ?? [];
  const statusOrder: Enrolment['status'][] = ['enrolled', 'completed', 'withdrawn'];
  const shown = all
    .filter((e) => (!status || e.status === status) && matchesAllWords(q, [nameOf(e.accountId)]))
    .sort(
      (a, b) =>
        (sort === 'status' ? statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) : 0) ||
        nameOf(a.accountId).localeCompare(nameOf(b.accountId), 'ja'),
    );
  const refresh = () => client.invalidateQueries({ queryKey: ['training', 'enrolments', course.id] });
  const enrol = useMutation({
    mutationFn: () =>
      api(`/api/training/courses/${course.id}/enrolments`, { method: 'POST', body: { accountId } }),
    onSuccess: async () => {
      setDone(t('training.admin.enrolled', { name: nameOf(accountId) }));
      await refresh();
    },
  });
  const complete = useMutation({
    mutationFn: (id: string) => api<Enrolment>(`/api/training/enrolments/${id}/complete`, { method: 'POST' }),
    onSuccess: async (e) => {
      setDone(t('training.admin.completed', { number: e.certificateNumber ?? '' }));
      await refresh();
    },
  });
  return (
    <div className="flex flex-col gap-2">
      {all.length > 1 && (
        <ListFilterBar
          id={`enrolments-${course.id}`}
          label={t('training.admin.enrolmentsFilterLabel', { title: course.title })}
          text={{
            label: t('training.admin.enrolmentsFilterText'),
            value: q,
            onApply: setQ,
            applyLabel: t('training.admin.filterApply'),
          }}
          sort={{
            label: t('training.admin.enrolmentsSort'),
            value: sort,
            onChange: setSort,
            options: (['name', 'status'] as const).map((value) => ({
              value,
              label: t(`training.admin.enrolmentsSorts.${value}`),
            })),
          }}
        >
          <div className="w-64 max-w-full">
            <SelectField
              id={`enrolments-${course.id}-status`}
              compact
              label={t('training.admin.enrolmentsStatus')}
              value={status}
              onChange={(e) => setStatus(e.target.value as Enrolment['status'] | '')}
              options={[
                { value: '', label: t('training.admin.allStatuses') },
                ...statusOrder.map((v) => ({ value: v, label: t(`training.status.${v}`) })),
              ]}
            />
          </div>
        </ListFilterBar>
      )}
      {all.length > 0 && shown.length === 0 && <p>{t('training.admin.enrolmentsNoneMatch')}</p>}
      <ul className="flex flex-col gap-2">
        {shown.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center gap-2">
            <span>
              {nameOf(e.accountId)}: {t(`training.status.${e.status}`)}
              {e.certificateNumber ? ` ・ ${t('training.certificate.number')} ${e.certificateNumber}` : ''}
            </span>
            {e.status === 'enrolled' && (
              <button
                type="button"
                className={compactButtonClass}
                aria-label={t('training.admin.completeLabel', {
                  name: nameOf(e.accountId),
                  title: course.title,
                })}
                disabled={complete.isPending}
                onClick={() => complete.mutate(e.id)}
              >
                {t('training.admin.complete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          id={`enrol-${course.id}`}
          label={t('training.admin.enrolWho', { title: course.title })}
          compact
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
          options={[
            { value: '', label: t('payments.coord.choose') },
            ...people.map((p) => ({ value: p.accountId, label: p.label })),
          ]}
        />
        <button
          type="button"
          className={compactButtonClass}
          disabled={!accountId || enrol.isPending}
          onClick={() => enrol.mutate()}
        >
          {t('training.admin.enrol')}
        </button>
      </div>
      <Problem error={enrol.error ?? complete.error} />
      <LiveStatus message={done} />
    </div>
  );
}

const REQUIRABLE_ROLES = ['peer_supporter', 'family_association', 'consultation', 'agency_member'] as const;

/** `/console/training/requirements` (training.rules): "course X before role Y". */
export function TrainingRequirementsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const courses = useQuery(coursesQuery());
  const current = useQuery({
    queryKey: ['training', 'requirements'],
    queryFn: () =>
      api<{ items: Array<{ role: string; courseId: string; courseTitle: string }> }>(
        '/api/training/requirements',
      ),
  });
  const [role, setRole] = useState<string>('peer_supporter');
  const [courseId, setCourseId] = useState('');
  const [done, setDone] = useState('');
  const save = useMutation({
    mutationFn: (rules: Array<{ role: string; courseId: string }>) =>
      api('/api/training/requirements', { method: 'PUT', body: { rules } }),
    onSuccess: async () => {
      setDone(t('training.admin.rulesSaved'));
      await client.invalidateQueries({ queryKey: ['training', 'requirements'] });
    },
  });
  const rules = (current.data?.items ?? []).map((r) => ({ role: r.role, courseId: r.courseId }));
  const title = t('training.admin.requirementsTitle');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('training.admin.requirementsLead')}</p>
      <section aria-labelledby="rules-heading" className={cardClass}>
        <h2 id="rules-heading" className="text-std-20B-150">
          {t('training.admin.rules')}
        </h2>
        <Problem error={current.error ?? save.error} />
        {current.data?.items.length === 0 && <p>{t('training.admin.noRules')}</p>}
        <ul className="flex flex-col gap-2">
          {(current.data?.items ?? []).map((r) => (
            <li key={`${r.role}-${r.courseId}`} className="flex flex-wrap items-center gap-2">
              <span>
                {t('training.admin.rule', {
                  course: r.courseTitle,
                  role: t(`training.admin.roles.${r.role}`),
                })}
              </span>
              <button
                type="button"
                className={compactButtonClass}
                aria-label={t('training.admin.removeRule', {
                  course: r.courseTitle,
                  role: t(`training.admin.roles.${r.role}`),
                })}
                onClick={() =>
                  save.mutate(rules.filter((x) => !(x.role === r.role && x.courseId === r.courseId)))
                }
              >
                {t('training.admin.remove')}
              </button>
            </li>
          ))}
        </ul>
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate([...rules, { role, courseId }]);
          }}
        >
          <SelectField
            id="rule-course"
            label={t('training.admin.ruleCourse')}
            value={courseId}
            onChange={(e) => setCourseId(e.target.value)}
            options={[
              { value: '', label: t('payments.coord.choose') },
              ...(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.title })),
            ]}
          />
          <SelectField
            id="rule-role"
            label={t('training.admin.ruleRole')}
            value={role}
            onChange={(e) => setRole(e.target.value)}
            options={REQUIRABLE_ROLES.map((r) => ({ value: r, label: t(`training.admin.roles.${r}`) }))}
          />
          <div>
            <button type="submit" className={primaryButtonClass} disabled={!courseId || save.isPending}>
              {t('training.admin.addRule')}
            </button>
          </div>
        </form>
        <LiveStatus message={done} />
      </section>
    </>
  );
}
