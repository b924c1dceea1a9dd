import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { errorMessage } from '../../services/api-error';
import { residentApi } from '../../services/resident-api';
import type { RatingValue } from '../../services/resident-types';
import { asAlert, asField, asRadio, asRadioGroup } from '../../utils/a11y';
import { charCount } from '../../utils/format';
import { Icon } from '../../components/icon';

const CHOICES: ReadonlyArray<{ value: RatingValue; face: 'laugh' | 'smile' | 'frown'; label: string }> = [
  { value: 'satisfied', face: 'laugh', label: '满意' },
  { value: 'basically_satisfied', face: 'smile', label: '基本满意' },
  { value: 'unsatisfied', face: 'frown', label: '不满意' },
];

const COMMENT_MAX = 500;
/** The refusal line's id: the comment is described by it while the refusal is about it. */
const ERROR_ID = 'rt-error';

/** 问题解决了吗？ Three large choices; 不满意 needs a reason and sends the case back (回炉整改). */
export function RatePanel({ caseId, onDone }: { caseId: string; onDone: (toast: string) => void }) {
  const [rating, setRating] = useState<RatingValue>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  // `comment` when the refusal is about the comment: it lasts only while the comment is still empty.
  const [refusal, setRefusal] = useState<{ message: string; comment?: boolean }>();
  const unhappy = rating === 'unsatisfied';
  const commentName = unhappy ? '哪里还没解决' : '还想说点什么';
  const commentError = refusal?.comment && unhappy && !comment.trim() ? refusal.message : undefined;
  const error = refusal?.comment ? commentError : refusal?.message;

  const submit = async () => {
    if (busy) return;
    if (!rating) return setRefusal({ message: '请先选择满意、基本满意或不满意' });
    const text = comment.trim();
    if (unhappy && !text) return setRefusal({ message: '请说说哪里还没解决，便于重新办理', comment: true });
    setBusy(true);
    setRefusal(undefined);
    try {
      await residentApi.rateCase(caseId, rating, text || undefined);
      onDone(unhappy ? '已退回重新办理' : '感谢您的评价');
    } catch (e) {
      setRefusal({ message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card rate" data-testid="rate-panel">
      <View className="rate__title">问题解决了吗？请您评价</View>
      <View className="rate__hint">请看看办理结果，实地确认后再评价。</View>
      <View className="rate__choices" {...asRadioGroup('问题解决了吗？请您评价')}>
        {CHOICES.map((c) => (
          <View
            key={c.value}
            className={`rate__choice rate__choice--${c.value} ${rating === c.value ? 'rate__choice--on' : ''}`}
            hoverClass="rate__choice--pressed"
            onClick={() => {
              setRating(c.value);
              setRefusal(undefined);
            }}
            data-testid={`rate-${c.value}`}
            {...asRadio(rating === c.value, c.label)}
          >
            <View className="rate__face">
              <Icon name={c.face} tone="primary" className="icon--block" />
            </View>
            <Text className="rate__label">{c.label}</Text>
          </View>
        ))}
      </View>
      {unhappy ? (
        <View className="rate__warn" data-testid="rate-rework-note">
          选择「不满意」后，这件诉求会退回给办理人员重新办理（回炉整改），办好后会再请您评价。
        </View>
      ) : null}
      {rating ? (
        <View className="rate__comment">
          <View className="rate__comment-label">{`${commentName}${unhappy ? '？（必填）' : '？（选填）'}`}</View>
          <Textarea
            className="rate__textarea"
            value={comment}
            maxlength={COMMENT_MAX}
            placeholder={unhappy ? '例如：灯修好了一天又不亮了' : '例如：处理很及时，谢谢'}
            placeholderClass="rate__placeholder"
            onInput={(e) => setComment(e.detail.value)}
            data-testid="rate-comment"
            {...asField({ name: commentName, required: unhappy, error: commentError, describedBy: [commentError && ERROR_ID] })}
          />
          <View className="rate__count">
            {charCount(comment)}/{COMMENT_MAX}
          </View>
        </View>
      ) : null}
      {error ? (
        <View className="rate__error" id={ERROR_ID} data-testid="rate-error" {...asAlert()}>
          {error}
        </View>
      ) : null}
      <BigButton onClick={() => void submit()} disabled={busy} testId="rate-submit">
        {busy ? '正在提交…' : unhappy ? '提交，退回重新办理' : '提交评价'}
      </BigButton>
    </View>
  );
}
