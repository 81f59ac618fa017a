import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import type { Rubric } from '../common/rules';
import { ErrorAlert } from '../errors/error-alert';
import { useT } from '../i18n/locale';
import { weightedScore } from './weighted-score';

type Detail = components['schemas']['ApplicationDetailView'];
type Member = components['schemas']['PanelMemberView'];

/**
 * The rubric scoring form: one whole number per dimension of the programme (0 to its maximum), its weight shown,
 * the weighted score computed as the evaluator types, against the pass mark. Declaring a conflict is a button.
 */
export function ScoreForm({ application, rubric, member }: { application: Detail; rubric: Rubric; member: Member }) {
  const t = useT();
  const client = useQueryClient();
  const [scores, setScores] = useState<Record<string, number | null>>(() => ({ ...(member.scores ?? {}) }));
  const submit = useMutation({
    mutationFn: (v: { comment?: string }) =>
      ok(
        api.PUT('/applications/{id}/scores', {
          params: { path: { id: application.id } },
          body: {
            version: application.version,
            scores: Object.fromEntries(
              Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === 'number'),
            ),
            ...(v.comment ? { comment: v.comment } : {}),
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['application', application.id] }),
  });
  const total = weightedScore(rubric, scores);
  return (
    <Card title={t('评分表', 'Score sheet')} style={{ marginBottom: 16 }}>
      {member.scoredAt ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('您已提交评分，可在验收结束前修改', 'Scored; you may correct it while acceptance lasts')}
        />
      ) : null}
      <ErrorAlert error={submit.error} />
      <Form layout="horizontal" labelCol={{ span: 10 }} onFinish={(v: { comment?: string }) => submit.mutate(v)}>
        {rubric.dimensions.map((d) => (
          <Form.Item
            key={d.key}
            label={`${d.name}（${t('权重', 'weight')} ${d.weight}%）`}
            htmlFor={`score-${d.key}`}
            required
          >
            <InputNumber
              id={`score-${d.key}`}
              min={0}
              max={d.maxScore}
              precision={0}
              value={scores[d.key] ?? null}
              onChange={(v) => setScores((s) => ({ ...s, [d.key]: v }))}
              suffix={`/ ${d.maxScore}`}
            />
          </Form.Item>
        ))}
        <Typography.Paragraph>
          {t('加权得分：', 'Weighted score: ')}
          <strong data-testid="weighted-score">{total === null ? '—' : total.toFixed(2)}</strong>
          {t(`（合格线 ${rubric.passMark}）`, ` (pass mark ${rubric.passMark})`)}
        </Typography.Paragraph>
        <Form.Item label={t('评审意见', 'Comment')} name="comment">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={total === null}>
          {t('提交评分', 'Submit score')}
        </Button>
      </Form>
    </Card>
  );
}
