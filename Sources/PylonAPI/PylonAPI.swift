// The Pylon REST client lives here (issue 3).
