/**
 * One error hierarchy for the whole platform. Every error a user can cause is an AppError with a
 * stable `code`, an HTTP status and a Chinese message; anything else is a bug (logged 500).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Per-field problems with an input; `fields` maps a field name (or JSON path) to a message. */
export class ValidationError extends AppError {
  constructor(
    readonly fields: Record<string, string>,
    message = '提交的内容有误，请按提示修改。',
    code = 'ERR_VALIDATION',
  ) {
    super(code, 400, message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(code = 'ERR_NOT_FOUND', message = '您访问的页面或记录不存在。') {
    super(code, 404, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'ERR_FORBIDDEN', message = '您没有执行此操作的权限。') {
    super(code, 403, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(code = 'ERR_UNAUTHENTICATED', message = '请先登录。') {
    super(code, 401, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(code, 409, message);
  }
}
