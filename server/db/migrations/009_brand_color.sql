-- 009: the practice's primary colour, for the buttons in the emails the portal sends (the
-- widgets take theirs from the host page's CSS). A #rrggbb hex; the default is the widgets'
-- own default primary, so an email and the portal it leads to look alike.

ALTER TABLE practices ADD COLUMN brand_color TEXT NOT NULL DEFAULT '#1d5f8a'
  CHECK (length(brand_color) = 7 AND brand_color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]');
