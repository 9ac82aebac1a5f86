-- Written by hand (drizzle-kit cannot declare triggers). Payment batches (issue 9):
-- an exported batch is immutable; its lines may only record their result (pending → paid | returned,
-- paid → returned); lines are added to or removed from draft batches only; an approved batch is frozen
-- until it is exported or its approval is withdrawn (back to draft). SQLSTATE 55000 lets the service
-- answer 409 with a clear message; the checks hold for every writer, not only the application.
CREATE OR REPLACE FUNCTION payment_batches_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'exported' THEN
    RAISE EXCEPTION 'payment_batches: batch % is exported and cannot change', OLD.id USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'payment_batches: only a draft batch can be deleted' USING ERRCODE = '55000';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.id <> OLD.id OR NEW.municipality_code <> OLD.municipality_code OR NEW.number <> OLD.number
     OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'payment_batches: identity columns cannot change' USING ERRCODE = '55000';
  END IF;
  IF NOT ((OLD.status = 'draft' AND NEW.status IN ('draft', 'approved'))
       OR (OLD.status = 'approved' AND NEW.status IN ('draft', 'exported'))) THEN
    RAISE EXCEPTION 'payment_batches: % → % is not a batch step', OLD.status, NEW.status USING ERRCODE = '55000';
  END IF;
  IF OLD.status = 'approved' AND NEW.status = 'exported'
     AND (NEW.line_count <> OLD.line_count OR NEW.total_amount <> OLD.total_amount OR NEW.transfer_date <> OLD.transfer_date) THEN
    RAISE EXCEPTION 'payment_batches: an approved batch is exported as approved' USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER payment_batches_guard BEFORE UPDATE OR DELETE ON "payment_batches"
  FOR EACH ROW EXECUTE FUNCTION payment_batches_guard();--> statement-breakpoint
CREATE OR REPLACE FUNCTION payment_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch_status text;
BEGIN
  SELECT status INTO batch_status FROM payment_batches
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.batch_id ELSE NEW.batch_id END;
  IF TG_OP = 'INSERT' THEN
    IF batch_status IS DISTINCT FROM 'draft' OR NEW.status <> 'pending' THEN
      RAISE EXCEPTION 'payment_lines: lines are added to draft batches only, as pending' USING ERRCODE = '55000';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF batch_status IS DISTINCT FROM 'draft' THEN
      RAISE EXCEPTION 'payment_lines: lines are removed from draft batches only' USING ERRCODE = '55000';
    END IF;
    RETURN OLD;
  END IF;
  IF batch_status = 'draft' AND NEW.status = 'pending' AND NEW.batch_id = OLD.batch_id THEN
    RETURN NEW;
  END IF;
  IF batch_status <> 'exported' THEN
    RAISE EXCEPTION 'payment_lines: an approved batch is frozen; results are recorded after export' USING ERRCODE = '55000';
  END IF;
  IF (NEW.id, NEW.municipality_code, NEW.batch_id, NEW.line_no, NEW.source_kind, NEW.source_id, NEW.programme_key,
      NEW.fiscal_year, NEW.description, NEW.amount, NEW.ledger_amount, NEW.bank_encrypted, NEW.account_last4, NEW.reissue_of)
     IS DISTINCT FROM
     (OLD.id, OLD.municipality_code, OLD.batch_id, OLD.line_no, OLD.source_kind, OLD.source_id, OLD.programme_key,
      OLD.fiscal_year, OLD.description, OLD.amount, OLD.ledger_amount, OLD.bank_encrypted, OLD.account_last4, OLD.reissue_of) THEN
    RAISE EXCEPTION 'payment_lines: a line of an exported batch only records its result' USING ERRCODE = '55000';
  END IF;
  IF NOT ((OLD.status = 'pending' AND NEW.status IN ('paid', 'returned'))
       OR (OLD.status = 'paid' AND NEW.status = 'returned')
       OR (OLD.status = NEW.status AND OLD.status = 'pending')) THEN
    RAISE EXCEPTION 'payment_lines: % → % is not a result step', OLD.status, NEW.status USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER payment_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON "payment_lines"
  FOR EACH ROW EXECUTE FUNCTION payment_lines_guard();
